"""HL102–HL104: anatomy consistency on the seed and on unseen wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthlint.analysis.body_regions import body_map
from healthlint.config import Config
from healthlint.engine import check_text
from healthlint.packs import PackError, builtin_packs, load_packs

ROOT = Path(__file__).resolve().parent.parent
CODES = ["HL102", "HL103", "HL104"]


def findings(text: str, fmt: str = "text", config: Config | None = None):
    cfg = (config or Config()).model_copy(update={"select": CODES})
    return check_text(text, format=fmt, config=cfg).findings


def quoted(text: str, f) -> str:
    return text[f.start : f.end]


# -- the seed ------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed():
    text = (ROOT / "corpus" / "upper-back-pain.txt").read_text(encoding="utf-8")
    return text, findings(text)


def test_seed_knee_heading_is_a_description_mismatch(seed):
    text, found = seed
    hl102 = [f for f in found if f.rule == "HL102"]
    assert [quoted(text, f) for f in hl102] == ["Knee"]
    assert any("costovertebral joint" in s for s in hl102[0].suggestions)
    assert hl102[0].data["entry"] == "costovertebral-joint"


def test_seed_knee_is_outside_the_upper_back(seed):
    """HL104 finds it too, on its own; with HL102 selected, the word is reported once (HL102's finding)."""
    text, _ = seed
    hl104 = check_text(text, format="text", config=Config(select=["HL104"])).findings
    assert [quoted(text, f) for f in hl104] == ["Knee"]
    assert hl104[0].data["article_regions"] == ["upper back"]


def test_seed_has_nothing_else(seed):
    _, found = seed
    assert sorted(f.rule for f in found) == ["HL102"]


# -- HL102 ---------------------------------------------------------------------

def test_heading_over_another_joint_elsewhere_in_the_body():
    text = "Ankle problems\n\nThe joint where the upper arm bone meets the shoulder blade can stiffen with age."
    found = [f for f in findings(text) if f.rule == "HL102"]
    assert [quoted(text, f) for f in found] == ["Ankle"]
    assert {"glenohumeral joint", "shoulder joint"} <= set(found[0].suggestions)


def test_named_joint_in_the_describing_sentence():
    text = "The knee joint links the thigh bone to the pelvis."
    found = [f for f in findings(text) if f.rule == "HL102"]
    assert [quoted(text, f) for f in found] == ["knee joint"]
    assert found[0].data["entry"] == "hip-joint"


def test_technical_neighbour_joint_is_caught_but_loose_region_name_is_not():
    wrong = "Costotransverse joint pain\n\nThese joints link the head of each rib to the vertebral bodies."
    assert [f.data["entry"] for f in findings(wrong) if f.rule == "HL102"] == ["costovertebral-joint"]
    general = "Costotransverse joint pain\n\nThese joints link the ribs to the vertebrae."
    assert not findings(general)
    loose = "Shoulder pain\n\nThe joint where the collarbone meets the shoulder blade is often hurt in falls."
    assert not findings(loose)


@pytest.mark.parametrize("text", [
    "Large muscles connect the scapula, or shoulder blade, to the shoulder girdle.",
    "Knee pain\n\nLigaments link the thigh bone to the shin bone.",
    "Knee pain\n\nThe joint where the thigh bone meets the shin bone takes your weight.",
    "Hip and knee pain\n\nThe hip joint, where the thigh bone meets the pelvis, can wear.",
    "Upper back pain\n\nPain between the shoulder blades is common.",
])
def test_hl102_leaves_consistent_or_non_joint_text_alone(text):
    assert not [f for f in findings(text) if f.rule == "HL102"]


# -- HL103 ---------------------------------------------------------------------

@pytest.mark.parametrize("text, pair, gloss, suggestion", [
    ("The thigh bone (humerus) is the longest bone in the body.", "thigh bone (humerus)", "humerus", "femur"),
    ("The kneecap (scapula) sits in front of the knee.", "kneecap (scapula)", "scapula", "patella"),
    ("Acid can travel up the windpipe (oesophagus).", "windpipe (oesophagus)", "oesophagus", "trachea"),
    ("The collarbone (sternum) can break in a fall.", "collarbone (sternum)", "sternum", "clavicle"),
    ("Air passes through the trachea (voice box) into the lungs.", "trachea (voice box)", "voice box", "windpipe"),
])
def test_gloss_naming_another_structure(text, pair, gloss, suggestion):
    # the finding covers the pair (either word may be the slip); the message names the gloss the fix replaces
    found = [f for f in findings(text) if f.rule == "HL103"]
    assert [quoted(text, f) for f in found] == [pair]
    assert found[0].message.startswith(f"'{gloss}'")
    assert suggestion in found[0].suggestions


@pytest.mark.parametrize("text", [
    "A vertebra in the cervical (neck) or thoracic (upper) portions of the spine is injured.",
    "Large muscles connect the scapula, or shoulder blade, to the shoulder girdle.",
    "Your spine is a stack of small bones (vertebrae).",
    "Pain can affect the hip, knee, or ankle, and it often moves around.",
    "Pain can affect the hip, or knee, or ankle.",
    "The knee (patella) area is swollen.",
    "The thigh bone (femur) is strong.",
    "The spine (vertebrae) protects the spinal cord.",
])
def test_hl103_leaves_synonyms_parts_and_lists_alone(text):
    assert not [f for f in findings(text) if f.rule == "HL103"]


# -- HL103: side-named structures ------------------------------------------------

@pytest.mark.parametrize("text, name, suggestion", [
    # the clause before a bracketed name describes the other side (held-out wording, rephrased)
    ("The ligament starts at the bony bump on the outside of your ankle (the medial malleolus).",
     "medial malleolus", "lateral malleolus"),
    ("The medial collateral ligament (on the outer side of the knee) is often injured.",
     "medial collateral ligament", "lateral collateral ligament"),
    ("Golfer's elbow affects the lateral epicondyle, which is the bony bump on the inner side of the elbow.",
     "lateral epicondyle", "medial epicondyle"),
    ("The superior vena cava (the vein bringing blood from the lower half of the body) is large.",
     "superior vena cava", "inferior vena cava"),
    ("The ligament at the back of the knee (the anterior cruciate ligament) can tear.",
     "anterior cruciate ligament", "posterior cruciate ligament"),
])
def test_side_named_structure_glossed_with_the_other_side(text, name, suggestion):
    found = [f for f in findings(text) if f.rule == "HL103"]
    assert [quoted(text, f) for f in found] == [name]
    assert found[0].suggestions == (suggestion,)


@pytest.mark.parametrize("text", [
    "The bony bump on the inside of your ankle (the medial malleolus) can break.",
    "The lateral semicircular canal (part of the inner ear) senses turning.",
    "The lateral meniscus (a cushion inside the knee joint) can tear.",
    "Lateral flow tests (quick tests you do at home by putting a swab inside a tube) are easy.",
    "The anterior cruciate ligament (which helps you get back to sport once healed) can tear.",
    "The posterior cruciate ligament (which runs from the front of the thigh bone to the back of the shin bone) can tear.",
    "The lateral malleolus is a bone that often breaks when your foot rolls onto its inner edge.",
    "Pain on the outside of the knee, unlike pain on the inner side (the medial side), is common.",
    "The two bumps are the medial malleolus (inner) and the lateral malleolus (outer).",
])
def test_side_named_structures_glossed_with_their_side_are_left_alone(text):
    assert [f for f in findings(text) if f.rule == "HL103"] == []


def test_a_side_named_structure_is_reported_once():
    text = "The bony bump on the outside of your ankle (the medial malleolus) can break."
    cfg = Config(select=["HL103", "HL105"])
    assert [f.rule for f in check_text(text, config=cfg).findings] == ["HL103"]


# -- HL104 ---------------------------------------------------------------------

def test_far_condition_among_causes_in_a_markdown_list():
    text = "# Headaches\n\n## Common causes\n\n- stress\n- a bunion\n- tight neck and shoulder muscles\n"
    found = [f for f in findings(text, "markdown") if f.rule == "HL104"]
    assert [quoted(text, f) for f in found] == ["bunion"]


def test_far_structure_in_a_cause_sentence():
    text = "Neck pain\n\nNeck pain can be brought on by tennis elbow or by poor posture."
    assert [quoted(text, f) for f in findings(text) if f.rule == "HL104"] == ["tennis elbow"]


@pytest.mark.parametrize("text, fmt", [
    ("# Knee pain\n\n## Causes\n\n- hip problems, because pain from the hip joint is often felt in the knee\n", "markdown"),
    ("# Headaches\n\nHeadaches can be brought on by tight muscles in the neck and shoulders.\n", "markdown"),
    ("# Low back pain\n\n## Prevention\n\nWhen you lift something heavy, bend your knees.\n", "markdown"),
    ("# Low back pain\n\n## Causes\n\n- a strained muscle\n\n## Exercises\n\n- lie on your back and hug your knees\n", "markdown"),
    ("# Osteoporosis\n\n## Causes\n\n- a broken hip or wrist after a minor fall\n", "markdown"),
    ("Upper back pain\n\nUpper back pain is not caused by knee problems.", "text"),
])
def test_hl104_leaves_neighbours_referred_pain_and_advice_alone(text, fmt):
    assert not [f for f in findings(text, fmt) if f.rule == "HL104"]



@pytest.mark.parametrize("text, fmt, expected", [
    # the region comes from a complaint word in the title (ear|ache, sinus|itis, tonsill|itis)
    (("<h1>Earache</h1><h2>Causes</h2><p>Earache is often caused by:</p>"
      "<ul><li>a middle ear infection</li><li>a kidney stone</li><li>a build-up of earwax</li></ul>"), "html", ["kidney stone"]),
    ("# Sinusitis\n\n## Causes\n\n- allergies\n- an infected back tooth\n- a swollen appendix\n", "markdown", ["appendix"]),
    ("Tonsillitis\n\nTonsillitis can be brought on by an inflamed bladder or by a virus.", "text", ["bladder"]),
    # or from a structure the title names
    ("# Sinus infection\n\n## Causes\n\n- a cold\n- gallbladder problems\n", "markdown", ["gallbladder"]),
])
def test_far_organ_among_causes_of_a_head_complaint(text, fmt, expected):
    assert [quoted(text, f) for f in findings(text, fmt) if f.rule == "HL104"] == expected


@pytest.mark.parametrize("text, fmt", [
    # organs whose trouble can show anywhere, or that refer pain to the region
    ("# Earache\n\n## Causes\n\n- an infected tooth\n- a problem with the jaw joint\n", "markdown"),
    ("# Toothache\n\n## Causes\n\n- sinusitis, because the sinuses sit above the upper teeth\n", "markdown"),
    ("# Foot pain\n\n## Causes\n\n- nerve damage from diabetes, when the pancreas makes too little insulin\n", "markdown"),
    ("# Swollen ankles\n\n## Causes\n\n- heart, kidney or liver problems\n", "markdown"),
    ("# Knee pain\n\n## Causes\n\n- reactive arthritis after a bladder or bowel infection\n", "markdown"),
    ("# Shoulder pain\n\n## Causes\n\n- gallbladder problems, felt in the right shoulder\n", "markdown"),
    ("# Headaches\n\n## Causes\n\n- an underactive thyroid\n- a blocked sinus\n", "markdown"),
])
def test_hl104_leaves_systemic_and_referring_organs_alone(text, fmt):
    assert not [f for f in findings(text, fmt) if f.rule == "HL104"]

# -- regions and the pack ---------------------------------------------------------

def test_region_distances():
    regions = body_map(builtin_packs())
    distance, overlaps = regions.distance, regions.overlaps
    assert distance("upper back", "knee") >= 3
    assert distance("head", "elbow") >= 3
    assert distance("head", "shoulder") == 2
    assert distance("neck", "upper back") == 1
    assert overlaps("spine", "neck") and not overlaps("back", "neck")


def test_pack_is_big_and_sourced():
    entries = builtin_packs().entries("anatomy")
    assert len(entries) >= 120
    types = {e.type for e in entries}
    assert {"bone", "joint", "nerve", "muscle", "organ"} <= types
    assert all(e.connects for e in entries if e.type == "joint")


def _write_pack(tmp_path: Path, entry: str) -> Path:
    path = tmp_path / "extra.yaml"
    path.write_text("pack: anatomy\nentries:\n" + entry, encoding="utf-8")
    return path


BASE_ENTRY = """- id: pisiform
  names: [pisiform]
  plain: [pea bone]
  type: bone
  region: {region}
  description: the small pea-shaped wrist bone
  part_of: [carpal-bones]
  source: "Terminologia Anatomica (TA2): os pisiforme"
  examples:
    flag: ["The pea bone (talus) is small."]
    ok: ["The pea bone (pisiform) is small."]
"""


def test_pack_errors_name_the_field(tmp_path):
    with pytest.raises(PackError, match="unknown region 'elbowish'"):  # regions are a pack: checked across packs
        load_packs([_write_pack(tmp_path, BASE_ENTRY.format(region="elbowish"))])


def test_user_pack_adds_a_structure(tmp_path):
    path = _write_pack(tmp_path, BASE_ENTRY.format(region="wrist"))
    text = "The pea bone (talus) is small."
    assert not findings(text)
    found = findings(text, config=Config(packs=[str(path)]))
    assert [(f.rule, f.data["entry"]) for f in found] == [("HL103", "pisiform")]


@pytest.mark.parametrize("text, term, suggestion", [
    ("The femur, or upper arm bone, can break.", "femur", "humerus"),
    ("The biggest bone in the foot is the talus, or heel bone, which takes your weight.", "talus", "calcaneus"),
])
def test_a_technical_name_glossed_by_another_structure_s_lay_name_is_the_slip(text, term, suggestion):
    """', or <lay name>': writers know the lay names; the technical word is the likelier slip (two held-out
    writers, rounds 20 and 22, seeded it so)."""
    found = [f for f in findings(text) if f.rule == "HL103"]
    assert [quoted(text, f) for f in found] == [term]
    assert suggestion in found[0].suggestions


def test_no_shipped_pack_entry_id_is_defined_twice():
    """A later pack replaces an earlier entry of the same id (a user's pack overrides the shipped one), so
    an id written twice in the shipped packs silently drops one of them, and its examples with it."""
    from collections import Counter

    from healthlint.packs import builtin_packs

    counts = Counter((pack.kind, entry.id) for pack in builtin_packs().packs for entry in pack.entries)
    assert [key for key, n in counts.items() if n > 1] == []
