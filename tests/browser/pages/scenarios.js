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

// ---------------------------------------------------------------------------------------------
// Offer/answer exchanges with a native Chromium answerer

const DIRECTION = /^a=(sendrecv|sendonly|recvonly|inactive)$/;

/**
 * Each m-section of `sdp` as `<kind> <port> <mid> <direction>`; any port but 0 reads 9 (a native
 * connection puts its gathered candidate's port there, ours has no candidates).
 */
export function sections(sdp) {
  const out = [];
  for (const line of sdp.split('\r\n')) {
    if (line.startsWith('m=')) {
      const [kind, port] = line.slice(2).split(' ');
      out.push({ kind, port: port === '0' ? '0' : '9', mid: null, direction: null });
    } else if (out.length > 0 && line.startsWith('a=mid:')) {
      out[out.length - 1].mid = line.slice(6);
    } else if (out.length > 0 && DIRECTION.test(line)) {
      out[out.length - 1].direction = line.slice(2);
    }
  }
  return out.map(({ kind, port, mid, direction }) => `${kind} ${port} ${mid} ${direction ?? '-'}`);
}

/**
 * One exchange: `pc` offers (setLocalDescription), native `remote` answers, `pc` applies the
 * answer. Returns both descriptions' sections, or the step that failed.
 */
export async function exchange(pc, remote) {
  let step = 'createOffer';
  try {
    const offer = await pc.createOffer();
    step = 'setLocalDescription(offer)';
    await pc.setLocalDescription(offer);
    step = 'native setRemoteDescription(offer)';
    await remote.setRemoteDescription(offer);
    step = 'native createAnswer';
    const answer = await remote.createAnswer();
    step = 'native setLocalDescription(answer)';
    await remote.setLocalDescription(answer);
    step = 'setRemoteDescription(answer)';
    await pc.setRemoteDescription(answer);
    return { offer: sections(offer.sdp), answer: sections(answer.sdp), offerSdp: offer.sdp, answerSdp: answer.sdp };
  } catch (error) {
    return { failedAt: step, error: `${error.name}: ${error.message}` };
  }
}

/** What both ends look like: states and, per transceiver, mid, direction and currentDirection. */
export function state(pc) {
  return {
    signalingState: pc.signalingState,
    transceivers: pc.getTransceivers().map((t) => `${t.mid} ${t.direction} ${t.currentDirection}`),
    senders: pc.getSenders().length,
    receivers: pc.getReceivers().length,
  };
}

/**
 * Runs scenario `name` on a connection of class PC, then two exchanges with a native answerer:
 * the scenario's offer (made again and applied) and a re-offer. Returns each exchange with the
 * states of both ends after it.
 */
export async function roundTrip(name, PC, NativePC) {
  const entry = scenarios[name];
  const { configuration, run } = typeof entry === 'function' ? { run: entry } : entry;
  const pc = new PC(configuration);
  const remote = new NativePC();
  try {
    await run(pc);
    const exchanges = [];
    for (let i = 0; i < 2; i += 1) {
      const result = await exchange(pc, remote);
      exchanges.push({ ...result, local: state(pc), remote: state(remote) });
      if (result.error !== undefined) break;
    }
    return exchanges;
  } finally {
    pc.close();
    remote.close();
  }
}

/**
 * Renegotiation scripts: the same calls on PC (ours or Chromium's), always answered by a native
 * connection; each returns the trace of states and descriptions the calls produce.
 */
export const renegotiations = {
  'stop, then recycle the m-line': async (pc, remote, trace) => {
    const audio = pc.addTransceiver('audio');
    trace('first', await exchange(pc, remote));
    audio.stop();
    trace('stopped', { audio: `${audio.mid} ${audio.direction} ${audio.currentDirection}` });
    trace('stop negotiated', await exchange(pc, remote));
    trace('the stopped one', { audio: `${audio.mid} ${audio.direction} ${audio.currentDirection}` });
    pc.addTransceiver('video');
    trace('recycled', await exchange(pc, remote));
  },

  'direction changes after an answer': async (pc, remote, trace) => {
    const audio = pc.addTransceiver('audio');
    const video = pc.addTransceiver('video', { direction: 'recvonly' });
    trace('first', await exchange(pc, remote));
    audio.direction = 'recvonly';
    video.direction = 'sendrecv';
    trace('changed', await exchange(pc, remote));
    audio.direction = 'inactive';
    trace('inactive', await exchange(pc, remote));
  },

  'remote sends back': async (pc, remote, trace) => {
    pc.addTransceiver('audio');
    pc.addTransceiver('video');
    pc.createDataChannel('chat');
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    await remote.setRemoteDescription(offer);
    for (const transceiver of remote.getTransceivers()) transceiver.direction = 'sendrecv';
    const answer = await remote.createAnswer();
    await remote.setLocalDescription(answer);
    await pc.setRemoteDescription(answer);
    trace('answered sendrecv', { answer: sections(answer.sdp) });
    trace('again', await exchange(pc, remote));
  },

  'rollback, then the exchange': async (pc, remote, trace) => {
    pc.addTransceiver('audio');
    await pc.setLocalDescription(await pc.createOffer());
    await pc.setLocalDescription({ type: 'rollback' });
    trace('rolled back', {});
    pc.addTransceiver('video');
    trace('exchange', await exchange(pc, remote));
  },

  'restartIce()': async (pc, remote, trace) => {
    pc.addTransceiver('audio');
    const first = await exchange(pc, remote);
    trace('first', first);
    pc.restartIce();
    const restarted = await exchange(pc, remote);
    const ufrag = (sdp) => sdp.split('\r\n').find((l) => l.startsWith('a=ice-ufrag:'));
    trace('restarted', { ...restarted, newUfrag: ufrag(first.offerSdp) !== ufrag(restarted.offerSdp) });
    const after = await exchange(pc, remote);
    trace('after', { ...after, newUfrag: ufrag(restarted.offerSdp) !== ufrag(after.offerSdp) });
  },

  'codec preferences': async (pc, remote, trace) => {
    const video = pc.addTransceiver('video');
    const codecs = RTCRtpReceiver.getCapabilities('video').codecs;
    const h264 = codecs.find((c) => c.mimeType === 'video/H264');
    video.setCodecPreferences([h264, ...codecs.filter((c) => c.mimeType === 'video/rtx')]);
    const result = await exchange(pc, remote);
    const formats = (sdp) => sdp.split('\r\n').find((l) => l.startsWith('m=video')).split(' ').slice(3);
    const rtpmap = (sdp, pt) => sdp.split('\r\n').find((l) => l.startsWith(`a=rtpmap:${pt} `));
    trace('h264 first', {
      ...result,
      offerFirst: rtpmap(result.offerSdp, formats(result.offerSdp)[0]),
      answerFirst: rtpmap(result.answerSdp, formats(result.answerSdp)[0]),
    });
  },
};

/** Runs renegotiation script `name` on class PC against a native answerer; returns its trace. */
export async function renegotiate(name, PC, NativePC) {
  const pc = new PC();
  const remote = new NativePC();
  const steps = [];
  const trace = (label, details) => {
    const { offerSdp, answerSdp, ...rest } = details;
    steps.push({ label, ...rest, local: state(pc), remote: state(remote) });
  };
  try {
    await renegotiations[name](pc, remote, trace);
    return steps;
  } catch (error) {
    steps.push({ error: `${error.name}: ${error.message}` });
    return steps;
  } finally {
    pc.close();
    remote.close();
  }
}
