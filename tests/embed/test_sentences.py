import pytest

from linkedins_law.embed.sentences import message_body, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi Sam! Loved the talk. Could we chat?", ["Hi Sam!", "Loved the talk.", "Could we chat?"]),
        # line breaks end sentences even without punctuation
        ("hey\nhow are you\n\nall good here", ["hey", "how are you", "all good here"]),
        # bullets and numbered items lose their markers
        ("Our plans:\n- Basic\n* Pro\n• Team\n1. Enterprise\n2) Custom", ["Our plans:", "Basic", "Pro", "Team", "Enterprise", "Custom"]),
        # URLs, e-mail addresses and decimals are never cut
        ("Read https://example.com/a.b/c?x=1.5 now. Mail me at sam@example.org.", ["Read https://example.com/a.b/c?x=1.5 now.", "Mail me at sam@example.org."]),
        # abbreviations, initials and a lower-case continuation do not end a sentence
        ("Dr. Lee met J. Smith e.g. at 3 p.m. today. Then lunch.", ["Dr. Lee met J. Smith e.g. at 3 p.m. today.", "Then lunch."]),
        ("see u at 5.30 pm... bring snacks", ["see u at 5.30 pm... bring snacks"]),
        # emoji: a trailing run stays with its sentence; emoji then a capital starts a new one
        ("Love it 😍😍 Check out my channel!! 🔥", ["Love it 😍😍", "Check out my channel!! 🔥"]),
        ("Thanks!!! 🙏", ["Thanks!!! 🙏"]),
        ("!!!", ["!!!"]),
        ("👍", ["👍"]),
        ("", []),
        ("   \n\t ", []),
        ('He said "stop." She left.', ['He said "stop."', "She left."]),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_run_on_text_is_cut_into_pieces_of_max_words():
    text = " ".join(f"w{i}" for i in range(130))
    pieces = split_sentences(text, max_words=60)
    assert [len(p.split()) for p in pieces] == [60, 60, 10]
    assert " ".join(pieces) == text


def test_every_word_is_kept_in_order():
    text = "Hi there!  Quick one:\n- we build CRMs.\n- Demo? https://example.com/x.y 😀 Great"
    assert " ".join(split_sentences(text)).split() == [w for w in text.split() if w not in ("-",)]


def test_bad_input():
    with pytest.raises(TypeError, match="text must be a str, got int 3"):
        split_sentences(3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_words must be a positive int, got 0"):
        split_sentences("a b", max_words=0)


SIGNATURE = "Best regards,\nTom Becker\nHead of Sales | Finlytics GmbH\nwww.finlytics.example | +49 30 1234567"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a signature after a sign-off and a name goes; the sign-off stays
        (f"Thanks Maria, see you Thursday.\n\n{SIGNATURE}", "Thanks Maria, see you Thursday.\n\nBest regards,"),
        ("ok, done\n--\nJane Roe\nACME Ltd", "ok, done"),
        ("Sounds good.\nSent from my iPhone", "Sounds good."),
        # the quoted original, in each client's form
        ("Not for us, thanks.\n\nOn Tue, 4 Mar 2025 at 09:12, Ana <ana@example.com> wrote:\n> Want a demo?", "Not for us, thanks."),
        ("No thanks.\n-----Original Message-----\nFrom: Ana\nWant a demo?", "No thanks."),
        ("No thanks.\n\nFrom: Ana Lopez <ana@example.com>\nSent: Monday\nTo: Sam\nSubject: demo\nWant a demo?", "No thanks."),
        ("> Can you share the report?\nSure, attached.", "Sure, attached."),
        ("FYI\n---------- Forwarded message ---------\nFrom: x\nBuy now", "FYI"),
    ],
)
def test_message_body_removes_quotes_and_signatures(text, expected):
    assert message_body(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a sign-off-like line followed by more than a name is the message itself
        "Thanks,\nBtw we sell CRM software, want a demo?",
        "Thanks!\nBy the way, we sell payroll software. Want a demo?",
        # a block after a sign-off that asks something is not a signature
        "Best,\nTom\nShall I send you our price list?",
        # a "From:" line that opens no header block
        "From: the team at the bakery, with love",
        # nothing would be left
        "> only a quote",
        "plain text\nover two lines",
        "",
    ],
)
def test_message_body_leaves_the_rest_alone(text):
    assert message_body(text) == text


def test_message_body_checks_its_input():
    with pytest.raises(TypeError, match="text must be a str"):
        message_body(None)  # type: ignore[arg-type]
