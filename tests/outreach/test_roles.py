"""classify_roles and role_share: the rules, the embedding fallback, accuracy on the labelled titles."""

from __future__ import annotations

import csv

import numpy as np
import pytest

import linkedins_law as ll
from conftest import DATA, FakeEncoder
from linkedins_law.outreach.roles import ROLES, normalize_title


def labelled() -> list[dict[str, str]]:
    with open(DATA / "roles.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@pytest.mark.parametrize(
    ("title", "company", "role", "rule"),
    [
        ("Talent Acquisition Lead", "", "recruiter", "recruiting"),
        ("Personalreferentin", "", "recruiter", "hr"),
        ("Chief People Officer", "", "recruiter", "hr"),
        ("VP Sales EMEA", "", "sales", "sales"),
        ("SDR", "", "sales", "sales"),
        ("Responsable commercial", "", "sales", "sales"),
        ("Chief Revenue Officer", "", "sales", "sales"),
        ("Co-founder", "", "founder", "founder"),
        ("Geschäftsführer", "", "founder", "executive"),
        ("Vice President", "", "founder", "executive"),
        ("VP Engineering", "", "founder", "executive"),
        ("Vice President of People", "", "recruiter", "hr"),
        ("Product Owner", "", "other", "no rule"),
        ("Associate", "Bright Staffing Ltd", "recruiter", "recruiting company"),
        ("Associate", "Bright Bank", "other", "no rule"),
        ("", "", "other", "empty"),
    ],
)
def test_rules_decide_in_order(title, company, role, rule):
    result = ll.classify_roles([title], [company], fallback=False)
    assert (result.role[0], result.decided_by[0]) == (role, rule)


def test_function_comes_before_seniority():
    # a founder of a recruiting firm recruits; a VP of people is HR, not an executive
    result = ll.classify_roles(["Founder, recruitment agency", "VP People", "CEO"], fallback=False)
    assert result.role.tolist() == ["recruiter", "recruiter", "founder"]


def test_normalize_title():
    assert normalize_title("Chargée de Recrutement (H/F)") == "chargee de recrutement h f"
    with pytest.raises(TypeError, match="title must be a str, got int 3"):
        normalize_title(3)


def test_embedding_fallback_takes_the_nearest_prototype_above_the_minimum():
    encoder = FakeEncoder()
    # "software engineer" is an "other" prototype word for word; "sales manager" a sales one, but a
    # rule decides that first; an unknown word is far from every prototype
    result = ll.classify_roles(["software engineer", "zzqx wobble", "sales manager"], encoder=encoder)
    assert result.decided_by.tolist() == ["embedding", "embedding", "sales"]
    assert result.role[0] == "other" and result.similarity[0] == pytest.approx(1.0)
    assert result.role[1] == "other" and result.similarity[1] < 0.4
    assert np.isnan(result.similarity[2])
    # a title a rule covers never reaches the embedding, even when it is a prototype
    assert (
        ll.classify_roles(["board chairman"], encoder=encoder, min_similarity=0.9).decided_by[0]
        == "executive"
    )
    # a prototype of another role, matched exactly, wins over "other"
    assert ll.classify_roles(["company owner"], encoder=encoder).role[0] == "founder"
    proto = ll.classify_roles(["selling products to customers"], encoder=encoder)
    assert (proto.role[0], proto.decided_by[0]) == ("sales", "embedding")
    # the encoder is only called when some title needs it
    calls = len(encoder.calls)
    ll.classify_roles(["Recruiter"], encoder=encoder)
    assert len(encoder.calls) == calls


def test_rules_alone_on_the_labelled_titles():
    rows = labelled()
    assert len(rows) >= 140 and set(r["role"] for r in rows) == set(ROLES)
    result = ll.classify_roles([r["title"] for r in rows], [r["company"] for r in rows], fallback=False)
    accuracy = np.mean([a == r["role"] for a, r in zip(result.role, rows)])
    assert accuracy >= 0.9


@pytest.mark.integration
def test_accuracy_with_the_default_encoder_on_the_labelled_titles():
    rows = labelled()
    result = ll.classify_roles([r["title"] for r in rows], [r["company"] for r in rows])
    accuracy = np.mean([a == r["role"] for a, r in zip(result.role, rows)])
    assert accuracy >= 0.9, accuracy
    assert result.encoder == "all-MiniLM-L6-v2"
    assert (result.decided_by == "embedding").sum() >= 20  # the fallback did real work
    # per role, each of the four is mostly right
    for role in ROLES:
        truth = np.array([r["role"] == role for r in rows])
        assert np.mean(result.role[truth] == role) >= 0.8, role


def test_result_reads_well():
    result = ll.classify_roles(["Recruiter", "AE", "Owner", "Nurse"], fallback=False)
    assert result.counts() == {"recruiter": 1, "sales": 1, "founder": 1, "other": 1}
    assert "4 people" in result.summary() and "<table>" in result._repr_html_()
    assert list(result.to_frame().columns) == ["title", "role", "decided_by", "similarity"]


def test_role_share_and_its_wilson_interval():
    share = ll.role_share(ll.classify_roles(["Recruiter"] * 3 + ["Nurse"] * 7, fallback=False))
    assert share.share == pytest.approx(0.3) and share.count == 3 and share.n_people == 10
    low, high = share.ci
    # the Wilson interval for 3 of 10 at 95%
    z = 1.959963984540054
    centre = (0.3 + z * z / 20) / (1 + z * z / 10)
    half = z * np.sqrt(0.3 * 0.7 / 10 + z * z / 400) / (1 + z * z / 10)
    assert (low, high) == pytest.approx((centre - half, centre + half))
    assert ll.role_share(["sales", "sales"], role="sales").ci[1] == 1.0
    assert np.isnan(ll.role_share([]).share)
    assert "recruiter share 0.300" in share.summary()
    assert share.to_frame()["people"].tolist() == [3, 0, 0, 7]


def test_bad_input_says_what_was_expected():
    with pytest.raises(TypeError, match="titles must be a sequence of str, got str"):
        ll.classify_roles("Recruiter")
    with pytest.raises(ValueError, match="companies must give one value per title: 2 titles, got 1"):
        ll.classify_roles(["a", "b"], ["x"])
    with pytest.raises(ValueError, match=r"min_similarity must be a cosine in \[-1, 1\], got int 2"):
        ll.classify_roles(["a"], min_similarity=2)
    with pytest.raises(ValueError, match="roles must be among"):
        ll.role_share(["pirate"])
    with pytest.raises(ValueError, match="role must be one of"):
        ll.role_share(["sales"], role="pirate")
