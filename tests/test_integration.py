"""Integration tests with the real bundled all-MiniLM-L6-v2 model (offline, a few seconds)."""

import random
import string

import numpy as np
import pytest

import linkedins_law as ll

pytestmark = pytest.mark.integration


def test_bundled_model_loads_offline_and_gives_unit_vectors():
    encoder = ll.get_default_encoder()
    assert encoder.name == "all-MiniLM-L6-v2"
    assert ll.default_model_path().is_dir()
    vectors = ll.embed_texts(encoder, ["Would you be open to a demo?", "Congrats on the new job!", ""])
    assert vectors.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, rtol=1e-5)
    assert np.isnan(vectors[2]).all()


def test_sentence_encoder_accepts_a_model_path():
    encoder = ll.SentenceEncoder(str(ll.default_model_path()))
    assert encoder.name == str(ll.default_model_path())
    a = encoder.encode(["hello there"])
    b = ll.get_default_encoder().encode(["hello there"])
    np.testing.assert_allclose(a, b, atol=1e-5)


def test_dedup_gives_the_same_vectors_as_single_encodes():
    encoder = ll.get_default_encoder()
    texts = ["Quick call Thursday?", "Thanks!", "Quick call Thursday?"]
    batched = ll.embed_texts(encoder, texts)
    single = np.vstack([ll.embed_texts(encoder, [t]) for t in texts])
    np.testing.assert_allclose(batched, single, atol=1e-5)


def test_bundled_exemplars_are_broad_and_separable(real_detector):
    texts, is_pitch, kinds = ll.load_exemplars()
    assert is_pitch.sum() >= 150 and (~is_pitch).sum() >= 150
    pitch_kinds = {k for k, p in zip(kinds, is_pitch) if p}
    assert {"sales_demo", "agency_service", "recruiting", "event_webinar", "quick_call",
            "compliment_then_pivot"} <= pitch_kinds
    assert len(set(texts)) == len(texts)
    real_detector.score_texts(["hello"])  # the default detector fits itself on first use
    assert real_detector.cv_auc_ > 0.85


def test_pitch_turn_scores_above_networking_turn(real_detector):
    p = real_detector.score_texts([
        "Hi Maria, we help logistics companies cut freight costs by 18%. Could I show you how in a 15-minute demo next week?",
        "Great to meet you at the supply chain meetup, Maria. Your point about regional warehouses stuck with me.",
    ])
    assert p[0] > 0.5 > p[1]


def test_pitch_kind_is_named(real_detector):
    traj = real_detector.trajectory([
        "Hi Dev, congrats on the Series A!",
        "We're hiring a Staff Backend Engineer at a fintech scale-up, fully remote, strong equity. Open to a chat about the role?",
    ])
    assert traj.onset == 1
    assert traj.pitch_kind == "recruiting"


def test_sample_threads_onsets_match_labels(real_detector):
    threads = ll.read_threads(ll.sample_threads_path())
    trajs = real_detector.trajectories(threads)
    agree = np.mean([t.onset == th.meta["onset"] for t, th in zip(trajs, threads)])
    assert agree >= 0.8, f"onset agreement {agree:.2f}"


def test_pitch_probability_higher_for_labelled_pitch_threads(real_detector):
    threads = ll.read_threads(ll.sample_threads_path())
    p = np.array([ll.pitch_probability(t) for t in threads])
    pitched = np.array([t.meta["onset"] is not None for t in threads])
    assert p[pitched].mean() > p[~pitched].mean()
    assert ll.roc_auc(p, pitched) > 0.8
    assert np.all((p >= 0) & (p <= 1))


def test_pitch_probability_uses_one_default_detector():
    assert ll.get_default_detector() is ll.get_default_detector()
    ll.pitch_probability(["hello", "hi"])
    assert ll.get_default_detector().is_fitted


def test_few_shot_fit_with_real_model():
    detector = ll.PitchDetector(exemplars=None).fit(
        ["Book a demo of our analytics suite", "Our agency will triple your inbound leads",
         "We have a senior role that fits you, interested?", "Save your seat for our paid masterclass",
         "Congrats on the new role!", "How did the conference go?",
         "Thanks for connecting, loved your post", "Hope the move to Lisbon went well"],
        [1, 1, 1, 1, 0, 0, 0, 0],
    )
    p = detector.score_texts(["Want a free trial of our invoicing software?", "Happy birthday, enjoy the day!"])
    assert p[0] > p[1]


ESSAY = [
    "I really enjoyed your post on software development.",
    "Speaking about development: I'm offering Service XYZ which will make your customer experience "
    "better! Is customer experience something you care about?",
]
PIVOT = (
    "Thanks so much for sharing that, really appreciate it. By the way, my company builds a platform that "
    "automates exactly this kind of migration. Could I get 20 minutes on your calendar next week to walk "
    "you through a demo?"
)
GREETINGS = ["hi", "Hi!", "hello", "thanks!", "Thank you so much!", "congrats on the new role", "good morning"]


def test_the_essays_own_pivot_is_found(real_detector):
    traj = real_detector.trajectory(ESSAY)
    assert traj.onset == 1 and traj.proba[1] >= 0.6 and traj.proba[0] < 0.5
    assert traj.onset_sentence.startswith("Speaking about development: I'm offering Service XYZ")
    # the thread is a pitch, read as the onset rule: turn 1's log-odds less the threshold's rise there
    assert 0.5 < ll.pitch_probability(ESSAY) < traj.proba[1]


def test_a_pitch_sentence_inside_small_talk_is_not_diluted(real_detector):
    traj = real_detector.trajectory(["Loved your post on cloud migrations!", PIVOT])
    assert traj.onset == 1 and traj.proba[1] >= 0.7
    assert "20 minutes" in traj.onset_sentence or "my company builds" in traj.onset_sentence
    whole = ll.PitchDetector(real_detector.encoder_, sentences=False)
    assert whole.score_texts([PIVOT])[0] < traj.proba[1]


@pytest.mark.parametrize("backend", [None, "static", "minilm"])
def test_greetings_and_thanks_score_low_on_every_backend(real_detector, backend):
    if backend is None:
        detector = real_detector
    else:
        detector = ll.PitchDetector(ll.get_default_encoder() if backend == "minilm" else backend)
    assert detector.score_texts(GREETINGS).max() < 0.1
    pitches = ["check out my channel and subscribe!!", "cheap meds, order now", "our CRM, 15-minute demo?"]
    p = detector.score_texts(pitches)
    assert p.min() > detector.score_texts(GREETINGS).max()


def test_ordinary_talk_in_a_pitchs_vocabulary_is_not_a_pitch(real_detector):
    # money, accounts, "free", prices, meetings and view counts, with no offer of the writer's own
    ordinary = [
        "I sent you the 40 for dinner, check your account",
        "Are you free Saturday? Parking is free after 6",
        "Can we move the budget review to Thursday?",
        "2 billion views, this song is everywhere",
        "My bank blocked my card again, so annoying",
        "Which laptop should I buy for uni?",
    ]
    assert real_detector.score_texts(ordinary).max() < 0.2


def test_a_signature_or_a_quoted_pitch_does_not_make_a_reply_a_pitch(real_detector):
    signature = (
        "\n\nBest regards,\nTom Becker\nHead of Sales | Finlytics GmbH\nwww.finlytics.example | +49 30 1234567"
    )
    quoted = "\n\nOn Tue, 4 Mar 2025, Ana <ana@example.com> wrote:\n> " + PIVOT.replace("\n", "\n> ")
    reply = "Thanks Maria, see you Thursday."
    p_plain, p_signed, p_quoting = real_detector.score_texts([reply, reply + signature, reply + quoted])
    assert p_signed == pytest.approx(p_plain, abs=0.02) and p_quoting == pytest.approx(p_plain, abs=0.02)
    assert p_signed < 0.1 and p_quoting < 0.1
    # the signature's lines, read as sentences, look like business talk: why they are set aside
    lines = real_detector.trajectory([signature.split("\n", 3)[-1]])
    assert max(lines.sentence_proba[0]) > 0.3 > p_signed
    traj = real_detector.trajectory([reply + signature])
    assert all("Head of Sales" not in s for s in traj.sentences[0])


def test_a_turn_too_long_for_the_window_with_a_trailing_mark_still_gets_a_score(real_detector):
    # a long link pasted with a byte-order mark after it (as exported comments often end): cutting
    # it to fit the model's window once left the mark alone as a piece, and the turn scored nan
    rng = random.Random(0)
    link = "https://www.example.com/photos/" + "".join(rng.choice(string.ascii_letters + "~;_") for _ in range(1400))
    (proba,) = real_detector.score_texts([link + " \ufeff"])
    assert np.isfinite(proba)
    traj = real_detector.trajectory([link + " \ufeff"])
    assert len(traj.sentences[0]) > 1 and all(s.strip("\ufeff ") for s in traj.sentences[0])


# Topics whose words once occurred (nearly) only in pitches, so that ordinary talk about them read
# as a pitch: ordinary talk must stay below `ordinary_below`, a request or offer in the same words
# must read as a pitch, and in a conversation the onset must be the offer, not the talk before it.
TOPIC_CASES = {
    # "donate" was in pitches only
    "giving": dict(
        ordinary=[
            "How often do you donate to charity?",
            "We donate our old clothes to the shelter every spring.",
            "Have you ever donated to a crowdfunding page for a stranger?",
            "I'd rather donate my time than money honestly.",
        ],
        ordinary_below=0.5,
        pitches=[
            "Would you be willing to donate $1 of your earnings to Save the Children?",
            "Please donate to our fundraiser, every dollar helps the kids.",
        ],
        thread=[
            "Hi! How has your week been?",
            "Busy but fine, thanks. Yours?",
            "Good! Out of curiosity, how often do you donate to charity?",
            "Not often, maybe once or twice a year.",
            "Would you be willing to donate $1 of your task payment to a children's charity today?",
            "Okay, I can do $1.",
        ],
        onset=4,
    ),
    # premium, clients, tool, agency, a percentage, an amount of money: mostly in pitches
    "work talk about prices and vendors": dict(
        ordinary=[
            "Our insurance premium went up 18% at renewal, same cover and no claims.",
            "Why does my Premium upgrade still show ads? I paid for it last week.",
            "The vendor wants 12% more for the same software licence next year.",
            "We cancelled the free trial of their tool, the team never used it.",
            "The agency's quote for the website came in at $9,000, which is twice our budget.",
        ],
        ordinary_below=0.3,
        pitches=[
            "We can cut your insurance premium by 18%. Want a free quote this week?",
            "Upgrade to Premium today and get your first month free!",
            "Our agency builds websites for $4,000 flat. Shall I send you our portfolio?",
        ],
        thread=[
            "Did you see the renewal letter from the insurer?",
            "Yes, our insurance premium went up 18% at renewal, same cover and no claims.",
            "Ridiculous. I'll raise it with finance on Monday.",
            "Speaking of which, my firm can cut your insurance premium by 18%. Want a free quote this week?",
        ],
        onset=3,
    ),
}


NETWORKING = [
    "Hi Maya, thanks for accepting my request! I'm a junior analyst and I loved your talk on forecasting.",
    "Thanks Leo, glad it was useful!",
    "Would you have 15 minutes next week? I'd love to hear how you moved from finance into data science.",
    "Sure, Tuesday at 4 works.",
    "Great, thanks! Also, I now sell a forecasting add-on for Excel, $49 a seat. Want a free trial for your team?",
]


def test_asking_for_time_and_advice_is_not_the_pitch(real_detector):
    # a request for 15 minutes of advice uses a sales call's words; the onset is the offer after it
    traj = real_detector.trajectory(NETWORKING)
    assert traj.proba[2] < 0.5 and traj.proba[4] > 0.8
    assert traj.onset == 4


@pytest.mark.parametrize("topic", sorted(TOPIC_CASES))
def test_talk_about_a_pitch_topic_is_not_a_pitch(real_detector, topic):
    case = TOPIC_CASES[topic]
    assert real_detector.score_texts(case["ordinary"]).max() < case["ordinary_below"]
    assert real_detector.score_texts(case["pitches"]).min() > 0.8
    assert real_detector.trajectory(case["thread"]).onset == case["onset"]
