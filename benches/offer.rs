//! Native speed of the core (`cargo bench`): offers repeated on one session, as a page that
//! renegotiates makes them, for the shapes `scripts/bench` measures in Chromium, and
//! certificate generation; and the same with webrtc-rs (the `rtc` crate) for comparison.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use rtc_offer_polyfill::cert::Certificate;
use rtc_offer_polyfill::jsep::{
    Direction, JsepSession, MediaKind, OfferOptions, Snapshot, TransceiverSnapshot,
};
use rtc_offer_polyfill::random::Random;

const DAY_MS: f64 = 86_400_000.0;

/// What `addTransceiver(kind)` gives: sendrecv, no track, no streams.
fn transceiver(id: u32, kind: MediaKind) -> TransceiverSnapshot {
    TransceiverSnapshot::new(id, kind, Direction::SendRecv)
}

fn shapes() -> [(&'static str, Snapshot); 3] {
    let many = (0..8)
        .map(|i| transceiver(i, MediaKind::Audio))
        .chain((8..16).map(|i| transceiver(i, MediaKind::Video)))
        .collect();
    [
        (
            "audio+video+data",
            Snapshot {
                transceivers: vec![
                    transceiver(0, MediaKind::Audio),
                    transceiver(1, MediaKind::Video),
                ],
                data_channel: true,
            },
        ),
        (
            "data only",
            Snapshot {
                transceivers: vec![],
                data_channel: true,
            },
        ),
        (
            "8 audio + 8 video",
            Snapshot {
                transceivers: many,
                data_channel: false,
            },
        ),
    ]
}

fn create_offer(c: &mut Criterion) {
    let mut rng = Random::os();
    let certificate = Certificate::generate(&mut rng, 1.7e12, 30.0 * DAY_MS).unwrap();
    let options = OfferOptions::default();
    let mut group = c.benchmark_group("create_offer");
    for (name, snapshot) in shapes() {
        let mut session =
            JsepSession::new(vec![certificate.fingerprint().clone()], Random::os()).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| {
                session
                    .create_offer(black_box(&snapshot), &options)
                    .unwrap()
            })
        });
        // The same offer once an exchange is complete (later offers follow it): our offer,
        // answered by a peer that takes it as it is.
        let mut session =
            JsepSession::new(vec![certificate.fingerprint().clone()], Random::os()).unwrap();
        let offer = session.create_offer(&snapshot, &options).unwrap();
        session.set_local_description(&offer).unwrap();
        let answer = offer.replace("a=setup:actpass", "a=setup:active");
        if session.set_remote_description(&answer).is_ok() {
            group.bench_function(format!("{name}, after an answer"), |b| {
                b.iter(|| {
                    session
                        .create_offer(black_box(&snapshot), &options)
                        .unwrap()
                })
            });
        }
    }
    group.finish();
}

fn generate_certificate(c: &mut Criterion) {
    let mut rng = Random::os();
    c.bench_function("Certificate::generate", |b| {
        b.iter(|| Certificate::generate(&mut rng, black_box(1.7e12), 30.0 * DAY_MS).unwrap())
    });
}

/// webrtc-rs's sans-I/O peer connection with its default codecs. Its `add_transceiver_from_kind`
/// makes recvonly transceivers (a sendrecv one needs a track), so its offers carry no SSRCs.
mod webrtc_rs {
    use std::time::Instant;

    use rtc::crypto::{self, SignatureScheme};
    use rtc::peer_connection::certificate::{CertificateParams, RTCCertificate};
    use rtc::peer_connection::configuration::media_engine::MediaEngine;
    use rtc::peer_connection::{RTCPeerConnection, RTCPeerConnectionBuilder};
    use rtc::rtp_transceiver::rtp_sender::RtpCodecKind;

    use super::*;

    fn connection(audio: usize, video: usize, data: bool) -> RTCPeerConnection {
        let mut media_engine = MediaEngine::default();
        media_engine.register_default_codecs().unwrap();
        let mut pc = RTCPeerConnectionBuilder::new()
            .with_media_engine(media_engine)
            .build(Instant::now())
            .unwrap();
        for _ in 0..audio {
            pc.add_transceiver_from_kind(RtpCodecKind::Audio, None)
                .unwrap();
        }
        for _ in 0..video {
            pc.add_transceiver_from_kind(RtpCodecKind::Video, None)
                .unwrap();
        }
        if data {
            pc.create_data_channel("data", None).unwrap();
        }
        pc
    }

    pub fn create_offer(c: &mut Criterion) {
        let mut group = c.benchmark_group("webrtc-rs create_offer");
        for (name, (audio, video, data)) in [
            ("audio+video+data", (1, 1, true)),
            ("data only", (0, 0, true)),
            ("8 audio + 8 video", (8, 8, false)),
        ] {
            let mut pc = connection(audio, video, data);
            group.bench_function(name, |b| b.iter(|| pc.create_offer(None).unwrap()));
        }
        group.finish();
    }

    pub fn generate_certificate(c: &mut Criterion) {
        let provider = crypto::default_provider().unwrap();
        c.bench_function("webrtc-rs RTCCertificate::generate", |b| {
            b.iter(|| {
                RTCCertificate::generate(
                    provider.crypto(),
                    SignatureScheme::EcdsaP256Sha256,
                    CertificateParams::new(vec!["WebRTC".to_owned()]).unwrap(),
                )
                .unwrap()
            })
        });
    }
}

criterion_group!(
    benches,
    create_offer,
    generate_certificate,
    webrtc_rs::create_offer,
    webrtc_rs::generate_certificate
);
criterion_main!(benches);
