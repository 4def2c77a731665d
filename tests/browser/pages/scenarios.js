// The scenarios of shared/reference-offers/ (beside the repository), as calls on an RTCPeerConnection class.
// Each one returns every offer it made, in order: [offer] or, when it applies an offer with
// setLocalDescription and makes another, [first, second].

async function withUserMedia(body) {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  try {
    return await body(stream);
  } finally {
    for (const track of stream.getTracks()) track.stop();
  }
}

async function offerOnce(pc, options) {
  const offer = await pc.createOffer(options);
  return [offer.sdp];
}

async function offerApplyOffer(pc, between, secondOptions) {
  const first = await pc.createOffer();
  await pc.setLocalDescription(first);
  between();
  const second = await pc.createOffer(secondOptions);
  return [first.sdp, second.sdp];
}

export const scenarios = {
  'empty': (pc) => offerOnce(pc),

  'datachannel-only': (pc) => {
    pc.createDataChannel('data');
    return offerOnce(pc);
  },

  'offer-to-receive-audio-only': (pc) => offerOnce(pc, { offerToReceiveAudio: true }),

  'offer-to-receive-audio-video': (pc) =>
    offerOnce(pc, { offerToReceiveAudio: true, offerToReceiveVideo: true }),

  'recvonly-transceivers': (pc) => {
    pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.addTransceiver('video', { direction: 'recvonly' });
    return offerOnce(pc);
  },

  'bundle-max-compat': {
    configuration: { bundlePolicy: 'max-compat' },
    run: (pc) => {
      pc.addTransceiver('audio', { direction: 'sendrecv' });
      pc.addTransceiver('video', { direction: 'sendrecv' });
      return offerOnce(pc);
    },
  },

  'transceivers-audio-video-datachannel': (pc) => {
    pc.addTransceiver('audio');
    pc.addTransceiver('video');
    pc.createDataChannel('data');
    return offerOnce(pc);
  },

  'tracks-from-getusermedia': (pc) =>
    withUserMedia((stream) => {
      for (const track of stream.getTracks()) pc.addTrack(track, stream);
      return offerOnce(pc);
    }),

  'simulcast-3-rids': (pc) => {
    pc.addTransceiver('video', {
      direction: 'sendonly',
      sendEncodings: [
        { rid: 'q', scaleResolutionDownBy: 4 },
        { rid: 'h', scaleResolutionDownBy: 2 },
        { rid: 'f' },
      ],
    });
    return offerOnce(pc);
  },

  'vad-false': (pc) => offerOnce(pc, { offerToReceiveAudio: true, voiceActivityDetection: false }),

  'ice-restart-second-offer': (pc) => {
    pc.addTransceiver('audio');
    return offerApplyOffer(pc, () => {}, { iceRestart: true });
  },

  'second-offer-after-sld': (pc) => {
    pc.addTransceiver('audio');
    return offerApplyOffer(pc, () => pc.addTransceiver('video'));
  },
};

/** Runs one scenario on a fresh connection of class PC, and closes it. */
export async function runScenario(name, PC) {
  const entry = scenarios[name];
  if (entry === undefined) throw new Error(`unknown scenario ${name}`);
  const { configuration, run } = typeof entry === 'function' ? { run: entry } : entry;
  const pc = new PC(configuration);
  try {
    return await run(pc);
  } finally {
    pc.close();
  }
}

/**
 * Answers `sdp` with a fresh native connection: setRemoteDescription, createAnswer,
 * setLocalDescription. Returns { answer } or { failedAt, error } naming the step that threw.
 */
export async function answerWithNative(NativePC, sdp) {
  const pc = new NativePC();
  let step = 'setRemoteDescription';
  try {
    await pc.setRemoteDescription({ type: 'offer', sdp });
    step = 'createAnswer';
    const answer = await pc.createAnswer();
    step = 'setLocalDescription';
    await pc.setLocalDescription(answer);
    return { answer: answer.sdp };
  } catch (error) {
    return { failedAt: step, error: `${error.name}: ${error.message}` };
  } finally {
    pc.close();
  }
}
