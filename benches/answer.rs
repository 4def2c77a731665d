//! Native speed of the answering core (`cargo bench --bench answer`): Chromium 156's
//! audio+video+data offer (`shared/reference-answers/`) answered repeatedly after one
//! `set_remote_offer`, as a page calling createAnswer() again makes it, and applied and answered
//! together on a fresh session; and the same with webrtc-rs (the `rtc` crate) for comparison.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use rtc_offer_polyfill::cert::{Certificate, Fingerprint};
use rtc_offer_polyfill::jsep::{
    AnswerOptions, Direction, JsepSession, RemoteOfferApplied, Snapshot, TransceiverSnapshot,
};
use rtc_offer_polyfill::random::Random;

const DAY_MS: f64 = 86_400_000.0;

const OFFER: &str = include_str!("../../shared/reference-answers/audio-video-data.offer.sdp");

/// The snapshot the glue sends after `applied`: the recvonly transceivers the offer made.
fn after_offer(applied: &RemoteOfferApplied) -> Snapshot {
    let transceivers = applied
        .sections
        .iter()
        .filter(|s| s.created)
        .filter_map(|s| {
            Some(TransceiverSnapshot::new(
                s.id?,
                s.kind?,
                Direction::RecvOnly,
            ))
        })
        .collect();
    Snapshot {
        transceivers,
        data_channel: false,
    }
}

fn fingerprint() -> Fingerprint {
    let certificate = Certificate::generate(&mut Random::os(), 1.7e12, 30.0 * DAY_MS).unwrap();
    certificate.fingerprint().clone()
}

fn session(fingerprint: &Fingerprint) -> JsepSession {
    JsepSession::new(vec![fingerprint.clone()], Random::os()).unwrap()
}

fn create_answer(c: &mut Criterion) {
    let fingerprint = fingerprint();
    let options = AnswerOptions::default();
    let empty = Snapshot::default();
    let mut group = c.benchmark_group("create_answer audio+video+data");

    let mut answering = session(&fingerprint);
    let applied = answering.set_remote_offer(OFFER, &empty).unwrap();
    let snapshot = after_offer(&applied);
    group.bench_function("create_answer, repeated", |b| {
        b.iter(|| {
            answering
                .create_answer(black_box(&snapshot), &options)
                .unwrap()
        })
    });

    group.bench_function("set_remote_offer + create_answer, fresh session", |b| {
        b.iter_batched(
            || session(&fingerprint),
            |mut s| {
                let applied = s.set_remote_offer(black_box(OFFER), &empty).unwrap();
                let sdp = s.create_answer(&after_offer(&applied), &options).unwrap();
                (s, sdp)
            },
            BatchSize::SmallInput,
        )
    });

    group.bench_function("set_remote_offer + create_answer + set_local_answer", |b| {
        b.iter_batched(
            || session(&fingerprint),
            |mut s| {
                let applied = s.set_remote_offer(black_box(OFFER), &empty).unwrap();
                let snapshot = after_offer(&applied);
                let sdp = s.create_answer(&snapshot, &options).unwrap();
                let applied = s.set_local_answer(&sdp, false, &snapshot).unwrap();
                (s, applied)
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

/// webrtc-rs's sans-I/O peer connection with its default codecs, answering the same offer.
mod webrtc_rs {
    use std::time::Instant;

    use rtc::peer_connection::configuration::media_engine::MediaEngine;
    use rtc::peer_connection::sdp::RTCSessionDescription;
    use rtc::peer_connection::{RTCPeerConnection, RTCPeerConnectionBuilder};

    use super::*;

    fn connection() -> RTCPeerConnection {
        let mut media_engine = MediaEngine::default();
        media_engine.register_default_codecs().unwrap();
        RTCPeerConnectionBuilder::new()
            .with_media_engine(media_engine)
            .build(Instant::now())
            .unwrap()
    }

    fn offer() -> RTCSessionDescription {
        RTCSessionDescription::offer(OFFER.to_owned()).unwrap()
    }

    pub fn create_answer(c: &mut Criterion) {
        let mut group = c.benchmark_group("webrtc-rs create_answer audio+video+data");

        let mut answering = connection();
        answering
            .set_remote_description(Instant::now(), offer())
            .unwrap();
        group.bench_function("create_answer, repeated", |b| {
            b.iter(|| answering.create_answer(None).unwrap())
        });

        group.bench_function(
            "set_remote_description + create_answer, fresh connection",
            |b| {
                b.iter_batched(
                    || (connection(), offer()),
                    |(mut pc, offer)| {
                        pc.set_remote_description(Instant::now(), offer).unwrap();
                        let answer = pc.create_answer(None).unwrap();
                        (pc, answer)
                    },
                    BatchSize::SmallInput,
                )
            },
        );

        group.bench_function(
            "set_remote_description + create_answer + set_local_description",
            |b| {
                b.iter_batched(
                    || (connection(), offer()),
                    |(mut pc, offer)| {
                        pc.set_remote_description(Instant::now(), offer).unwrap();
                        let answer = pc.create_answer(None).unwrap();
                        pc.set_local_description(Instant::now(), answer).unwrap();
                        pc
                    },
                    BatchSize::SmallInput,
                )
            },
        );
        group.finish();
    }
}

criterion_group!(benches, create_answer, webrtc_rs::create_answer);
criterion_main!(benches);
