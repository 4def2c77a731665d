// The Chromium-to-Chromium scenarios of shared/reference-answers/ (beside the repository), live:
// one native offerer per scenario, whose offer is answered both by a connection of this package
// and by a native one doing the same answerer calls. The offerer takes our answer, so a
// renegotiation's second offer follows the exchange we answered.

const DIRECTION = /^a=(sendrecv|sendonly|recvonly|inactive)$/;

/** Each m-section's mid and direction, in order. */
function answered(sdp) {
  const out = [];
  for (const line of sdp.split('\r\n')) {
    if (line.startsWith('m=')) out.push({ port: line.split(' ')[1], mid: null, direction: null });
    else if (out.length > 0 && line.startsWith('a=mid:')) out[out.length - 1].mid = line.slice(6);
    else if (out.length > 0 && DIRECTION.test(line)) out[out.length - 1].direction = line.slice(2);
  }
  return out;
}

/** Offerer and answerer calls per scenario, as SOURCE.txt describes them. */
export const answerScenarios = {
  'audio-video-data': {
    offerer: (pc) => {
      pc.addTransceiver('audio');
      pc.addTransceiver('video');
      pc.createDataChannel('chat');
    },
  },
  'answerer-adds-tracks': {
    offerer: (pc, { offererStream }) => offererStream.getTracks().forEach((t) => pc.addTrack(t, offererStream)),
    after: (pc, { answererStream }) => answererStream.getTracks().forEach((t) => pc.addTrack(t, answererStream)),
  },
  'answerer-tracks-before-srd': {
    offerer: (pc) => {
      pc.addTransceiver('audio', { direction: 'sendrecv' });
      pc.addTransceiver('video', { direction: 'sendrecv' });
    },
    before: (pc, { answererStream }) => answererStream.getTracks().forEach((t) => pc.addTrack(t, answererStream)),
  },
  'recvonly-offer-answerer-sends': {
    offerer: (pc) => {
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('video', { direction: 'recvonly' });
    },
    after: (pc, { answererStream }) => answererStream.getTracks().forEach((t) => pc.addTrack(t, answererStream)),
  },
  'sendonly-offer': {
    offerer: (pc, { offererStream }) => {
      for (const track of offererStream.getTracks()) {
        pc.addTransceiver(track, { direction: 'sendonly', streams: [offererStream] });
      }
    },
  },
  'simulcast-3-rids': {
    offerer: (pc) =>
      pc.addTransceiver('video', {
        direction: 'sendonly',
        sendEncodings: [{ rid: 'q', scaleResolutionDownBy: 4 }, { rid: 'h', scaleResolutionDownBy: 2 }, { rid: 'f' }],
      }),
  },
  'datachannel-only': { offerer: (pc) => pc.createDataChannel('chat') },
  'offer-to-receive-audio-video': {
    offerer: () => {},
    offerOptions: { offerToReceiveAudio: true, offerToReceiveVideo: true },
  },
  'bundle-max-compat': {
    configuration: { bundlePolicy: 'max-compat' },
    offerer: (pc) => {
      pc.addTransceiver('audio', { direction: 'sendrecv' });
      pc.addTransceiver('video', { direction: 'sendrecv' });
    },
  },
  'answerer-stops-video': {
    offerer: (pc) => {
      pc.addTransceiver('audio');
      pc.addTransceiver('video');
    },
    after: (pc) => pc.getTransceivers()[1].stop(),
  },
  'answerer-codec-preferences': {
    offerer: (pc) => pc.addTransceiver('video'),
    after: (pc, { Receiver }) => {
      const codecs = Receiver.getCapabilities('video').codecs;
      const vp9 = codecs.findIndex((c) => c.mimeType === 'video/VP9' && c.sdpFmtpLine === 'profile-id=0');
      pc.getTransceivers()[0].setCodecPreferences([codecs[vp9], ...codecs.filter((_, i) => i !== vp9)]);
    },
  },
  'answerer-recvonly-direction': {
    offerer: (pc, { offererStream }) => offererStream.getTracks().forEach((t) => pc.addTrack(t, offererStream)),
    after: (pc) => pc.getTransceivers().forEach((t) => (t.direction = 'recvonly')),
  },
  'answer-vad-false': {
    offerer: (pc) => pc.addTransceiver('audio'),
    answerOptions: { voiceActivityDetection: false },
  },
  'audio-h264-only-offer': {
    offerer: (pc) => {
      pc.addTransceiver('audio');
      const video = pc.addTransceiver('video');
      const codecs = RTCRtpReceiver.getCapabilities('video').codecs;
      video.setCodecPreferences(codecs.filter((c) => c.mimeType === 'video/H264' || c.mimeType === 'video/rtx'));
    },
  },
  'reoffer-adds-video': {
    offerer: (pc) => pc.addTransceiver('audio'),
    reoffer: (pc) => pc.addTransceiver('video'),
  },
  'reoffer-ice-restart': {
    offerer: (pc) => {
      pc.addTransceiver('audio');
      pc.createDataChannel('chat');
    },
    reoffer: () => {},
    reofferOptions: { iceRestart: true },
  },
  'reoffer-offerer-stops-audio': {
    offerer: (pc) => {
      pc.addTransceiver('audio');
      pc.addTransceiver('video');
    },
    reoffer: (pc) => pc.getTransceivers()[0].stop(),
  },
};

/** Lets queued events (negotiationneeded, Chromium's posted from its signaling thread) fire. */
async function settle(pcs) {
  await Promise.all(pcs.filter((pc) => pc instanceof RTCPeerConnection).map((pc) => pc.getStats()));
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Records events as state.json lists them, with the number of streams a track event carries. */
function recordEvents(pc) {
  const events = [];
  pc.addEventListener('signalingstatechange', () => events.push(`signalingstatechange ${pc.signalingState}`));
  pc.addEventListener('negotiationneeded', () => events.push('negotiationneeded'));
  pc.addEventListener('track', (e) =>
    events.push(`track ${e.track.kind} mid=${e.transceiver.mid} streams=${e.streams.length}`),
  );
  return events;
}

/** What state.json holds of a connection. */
export function answererState(pc) {
  return {
    signalingState: pc.signalingState,
    transceivers: pc.getTransceivers().map((t) => ({
      mid: t.mid,
      kind: t.receiver.track.kind,
      direction: t.direction,
      currentDirection: t.currentDirection,
      sender: t.sender.track?.kind ?? null,
    })),
  };
}

/** One answering round: setRemoteDescription(offer), the answerer's calls, createAnswer, setLocalDescription. */
async function answerRound(pc, offer, scenario, context) {
  await pc.setRemoteDescription(offer);
  scenario.after?.(pc, context);
  const answer = await pc.createAnswer(scenario.answerOptions);
  await pc.setLocalDescription(answer);
  return answer;
}

/**
 * Runs scenario `name`: a native offerer, our answerer (class PC) and a native answerer. Returns
 * the offers, both answers, each answerer's state and events over the last round, and the
 * offerer's state after it took our answer (or the step that failed).
 */
export async function runAnswerScenario(name, PC, ReceiverOfPC) {
  const scenario = answerScenarios[name];
  const media = () => navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  const [offererStream, answererStream] = await Promise.all([media(), media()]);
  const offerer = new RTCPeerConnection(scenario.configuration);
  const ours = new PC();
  const native = new RTCPeerConnection();
  const contexts = {
    ours: { answererStream, Receiver: ReceiverOfPC },
    native: { answererStream, Receiver: RTCRtpReceiver },
  };
  let step = 'offerer calls';
  try {
    scenario.offerer(offerer, { offererStream });
    scenario.before?.(ours, contexts.ours);
    scenario.before?.(native, contexts.native);
    const offers = [];
    if (scenario.reoffer !== undefined) {
      step = 'first exchange';
      const first = await offerer.createOffer(scenario.offerOptions);
      await offerer.setLocalDescription(first);
      offers.push(first.sdp);
      const ourFirst = await answerRound(ours, first, {}, contexts.ours);
      await answerRound(native, first, {}, contexts.native);
      await offerer.setRemoteDescription(ourFirst);
      scenario.reoffer(offerer);
    }
    await settle([offerer, ours, native]);
    const events = { ours: recordEvents(ours), native: recordEvents(native) };
    step = 'offerer createOffer';
    const offer = await offerer.createOffer(scenario.reofferOptions ?? scenario.offerOptions);
    await offerer.setLocalDescription(offer);
    offers.push(offer.sdp);
    step = 'native answerer';
    const nativeAnswer = await answerRound(native, offer, scenario, contexts.native);
    step = 'our answerer';
    const ourAnswer = await answerRound(ours, offer, scenario, contexts.ours);
    step = 'offerer setRemoteDescription(our answer)';
    await offerer.setRemoteDescription(ourAnswer);
    await settle([offerer, ours, native]);
    return {
      offers,
      answers: { ours: ourAnswer.sdp, native: nativeAnswer.sdp },
      states: { ours: answererState(ours), native: answererState(native) },
      events,
      offerer: {
        signalingState: offerer.signalingState,
        transceivers: offerer.getTransceivers().map((t) => `${t.mid} ${t.currentDirection}`),
      },
      answered: answered(ourAnswer.sdp),
    };
  } catch (error) {
    return { failedAt: step, error: `${error.name}: ${error.message}` };
  } finally {
    for (const pc of [offerer, ours, native]) pc.close();
    for (const track of [...offererStream.getTracks(), ...answererStream.getTracks()]) track.stop();
  }
}

/** Offers, sets it, has `answerer` answer, and applies the answer; returns both SDPs. */
async function exchange(offerer, answerer) {
  const offer = await offerer.createOffer();
  await offerer.setLocalDescription(offer);
  await answerer.setRemoteDescription(offer);
  const answer = await answerer.createAnswer();
  await answerer.setLocalDescription(answer);
  await offerer.setRemoteDescription(answer);
  return { offer: offer.sdp, answer: answer.sdp };
}

/** Each transceiver as `mid kind direction currentDirection`. */
const transceivers = (pc) =>
  pc.getTransceivers().map((t) => `${t.mid} ${t.receiver.track.kind} ${t.direction} ${t.currentDirection}`);

/**
 * Two connections of class PC: the first offers audio+video+data, the second answers with tracks
 * of its own so both send; then the answerer offers back. Returns both exchanges, the track events
 * of each side, and the states.
 */
export async function packagePair(PC) {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  const a = new PC();
  const b = new PC();
  const tracks = { a: [], b: [] };
  const track = (e) => `${e.track.kind} mid=${e.transceiver.mid} streams=${e.streams.length}`;
  a.ontrack = (e) => tracks.a.push(track(e));
  b.ontrack = (e) => tracks.b.push(track(e));
  try {
    for (const track of stream.getTracks()) a.addTrack(track, stream);
    a.createDataChannel('chat');
    const offer = await a.createOffer();
    await a.setLocalDescription(offer);
    await b.setRemoteDescription(offer);
    for (const track of stream.getTracks()) b.addTrack(track, stream);
    const answer = await b.createAnswer();
    await b.setLocalDescription(answer);
    await a.setRemoteDescription(answer);
    const first = { offer: offer.sdp, answer: answer.sdp };
    const afterFirst = { a: transceivers(a), b: transceivers(b), states: [a.signalingState, b.signalingState] };
    const second = await exchange(b, a);
    return {
      first,
      afterFirst,
      second,
      afterSecond: { a: transceivers(a), b: transceivers(b), states: [a.signalingState, b.signalingState] },
      tracks,
      sctp: [a.sctp?.state ?? null, b.sctp?.state ?? null],
    };
  } catch (error) {
    return { error: `${error.name}: ${error.stack}` };
  } finally {
    a.close();
    b.close();
    for (const track of stream.getTracks()) track.stop();
  }
}

/**
 * Role switch: a native offerer (audio+video+data), a middle connection of class PC answering with
 * tracks of its own, then offering back, answered by the native one. Returns both exchanges'
 * SDPs and the states of both ends after each.
 */
export async function roleSwitch(PC) {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  const remote = new RTCPeerConnection();
  const pc = new PC();
  try {
    remote.addTransceiver('audio');
    remote.addTransceiver('video');
    remote.createDataChannel('chat');
    const offer = await remote.createOffer();
    await remote.setLocalDescription(offer);
    await pc.setRemoteDescription(offer);
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    await remote.setRemoteDescription(answer);
    const ends = () => ({
      pc: transceivers(pc),
      remote: transceivers(remote),
      states: [pc.signalingState, remote.signalingState],
    });
    const first = { offer: offer.sdp, answer: answer.sdp, ...ends() };
    pc.addTransceiver('audio', { direction: 'recvonly' });
    const second = { ...(await exchange(pc, remote)), ...ends() };
    return { first, second };
  } catch (error) {
    return { error: `${error.name}: ${error.stack}` };
  } finally {
    pc.close();
    remote.close();
    for (const track of stream.getTracks()) track.stop();
  }
}
