"""The shared reading of structure glosses (healthlint/analysis/structure_glosses.py) and
the findings HL101, HL102, HL103 and HL105 draw from it: every gloss kind, both ways
round for a pair, and the correct or merely vague glosses that must stay quiet."""

from __future__ import annotations

import pytest

from healthlint.analysis import structure_glosses as sg
from healthlint.config import Config
from healthlint.engine import check_text
from tests.helpers import analysed

TERMINOLOGY = ["HL101", "HL102", "HL103", "HL104", "HL105"]


def _findings(text: str, fmt: str = "text"):
    return check_text(text, format=fmt, config=Config(select=TERMINOLOGY)).findings


def _glosses(text: str):
    doc, ctx = analysed(text, "text")
    return {(doc.text[g.term.start : g.term.end], g.kind, doc.text[g.start : g.end]) for g in sg.read(doc, ctx)}


@pytest.mark.parametrize("text, term, kind, gloss", [
    ("The masseter (the muscle across your temple) aches.", "masseter", "bracket", "the muscle across your temple"),
    ("Only the tibia, the thin bone on the outer side of the lower leg, broke.", "tibia", "appositive",
     "the thin bone on the outer side of the lower leg"),
    ("Three tiny bones between the eardrum and the inner ear, the semicircular canals, pass sound inwards.",
     "semicircular canals", "appositive-before", "Three tiny bones between the eardrum and the inner ear"),
    ("Pain can start in the pancreas, which stores bile.", "pancreas", "relative", "stores bile"),
    ("The cochlea is the part of the inner ear that keeps you balanced.", "cochlea", "definitional",
     "the part of the inner ear that keeps you balanced"),
    ("It comes from the glenohumeral joint, where the collarbone meets the acromion.", "glenohumeral joint", "where",
     "the collarbone meets the acromion"),
    ("The sphincter of Oddi, which lies at the junction of the stomach and the duodenum, can spasm.", "sphincter of Oddi",
     "junction", "of the stomach and the duodenum"),
    ("A click comes from the zygapophyseal joint just in front of your ear.", "zygapophyseal joint", "place",
     "just in front of your ear"),
    ("The biceps straightens the elbow.", "biceps", "predicate", "straightens the elbow"),
])
def test_every_gloss_kind_is_read_once_with_its_defining_text(text, term, kind, gloss):
    assert (term, kind, gloss) in _glosses(text)


@pytest.mark.parametrize("text, rule, quote, suggestion", [
    # the shapes
    ("Sometimes the fibula, the large weight-bearing bone of the shin, breaks in a fall.", "HL103", "fibula", "tibia"),
    ("The radius, the bone on the little-finger side of the forearm, can break.", "HL103", "radius", "ulna"),
    ("The humerus is the long bone of the thigh.", "HL105", "humerus", "femur"),
    # the region before the head noun says where: the forearm's bone, not the wrist's on the same side
    ("The radius is the forearm bone on the pinky side of your wrist.", "HL105", "radius", "ulna"),
    ("Pain can start in the pancreas, which stores bile.", "HL103", "pancreas", "gallbladder"),
    ("Three tiny bones between the eardrum and the inner ear, the semicircular canals, pass sound inwards.",
     "HL102", "semicircular canals", "ossicles"),
    ("A click comes from the zygapophyseal joint just in front of your ear.", "HL102", "zygapophyseal joint",
     "temporomandibular joint"),
    # both ways round, with no rule for the pair
    ("The ulna, the bone on the thumb side of the forearm, can break.", "HL103", "ulna", "radius"),
    ("The gallbladder, which makes insulin, sits under the liver.", "HL103", "gallbladder", "pancreas"),
    ("The ventricles are the two upper chambers of the heart.", "HL105", "ventricles", "atria"),
    ("The atria are the two lower chambers of the heart, which pump blood out to the body.", "HL105", "atria",
     "ventricles"),
    ("The mitral valve, which controls blood flow from the right atrium into the right ventricle, can leak.",
     "HL103", "mitral valve", "tricuspid valve"),
    ("The tricuspid valve, which lets blood pass from the left atrium into the left ventricle, can leak.",
     "HL103", "tricuspid valve", "mitral valve"),
    ("The biceps straightens the elbow.", "HL105", "biceps", "triceps"),
    ("The liver stores bile.", "HL105", "liver", "gallbladder"),
    ("The Achilles tendon, which joins the kneecap to the shin bone, can become inflamed.", "HL103",
     "Achilles tendon", "patellar tendon"),
    ("The spleen, the organ that makes insulin, can fail.", "HL103", "spleen", "pancreas"),
    ("The quadriceps, the muscles at the back of the thigh, bend the knee.", "HL103", "quadriceps", "hamstrings"),
    ("The eardrum, the tube that links the middle ear to the back of the nose, can block.", "HL103", "eardrum",
     "Eustachian tube"),
    # a look-alike pair is HL101's, decided by the same gloss reading
    ("The stone stuck in the ilium, the narrow last section of the small intestine.", "HL101", "ilium", "ileum"),
])
def test_a_gloss_that_fits_another_structure_is_flagged(text, rule, quote, suggestion):
    found = [f for f in _findings(text) if f.rule == rule and quote in text[f.start : f.end]]
    assert found, f"{rule} should flag '{quote}' in {text!r}: {[(f.rule, f.message) for f in _findings(text)]}"
    assert any(suggestion in s for f in found for s in f.suggestions), [f.suggestions for f in found]


@pytest.mark.parametrize("text", [
    # right glosses
    "The radius, the bone on the thumb side of the forearm, can break.",
    "The pancreas, which makes insulin, sits behind the stomach.",
    "The ventricles are the two lower chambers of the heart.",
    "The sternoclavicular joint, where the collarbone meets the breastbone, can be sprained.",
    "The mastoid, a bump of bone you can feel just behind your earlobe, can get infected.",
    "The parotid gland, the salivary gland in front of the ear, can swell with mumps.",
    # vaguer than the pack, not wrong
    "The femur, the longest bone in the body, can break in older people.",
    "The knee, the largest joint in the body, takes your weight.",
    "The liver is the largest organ inside the body.",
    "The tibia, a bone in the lower leg, can crack under repeated stress.",
    "The triceps straightens the elbow.",
    "The heart pumps blood around the body.",
    "The lateral pterygoid pulls the jaw forward and helps open the mouth.",
    "The vestibular nerve carries information about head movement and position.",
    # a joint described by what it links is HL102's reading; a clause of what happens is no definition
    "In the neck, RA can loosen the atlantoaxial joint, which links the top two bones of the spine.",
    "The problem is in the esophagus, which could cause problems swallowing.",
    # a list is not a gloss; a negation is not a definition
    "The knee, the hip and the ankle can all be affected.",
    "The tibia is not the thin bone on the outer side of the lower leg.",
    # a gloss of a term inside another term's gloss belongs to that gloss
    ("It then reaches the atrioventricular node, the gatekeeper between the upper and lower chambers, which "
     "briefly holds the signal back so the ventricles can fill."),
])
def test_right_or_vague_glosses_draw_nothing(text):
    assert not _findings(text), [(f.rule, f.message) for f in _findings(text)]


def test_nothing_is_read_in_a_heading_or_a_quotation():
    assert not _findings("# The tibia, the thin bone on the outer side of the lower leg\n\nText.\n", "markdown")
    assert not _findings("Intro.\n\n> The tibia, the thin bone on the outer side of the lower leg, broke.\n", "markdown")


def test_the_reading_is_shared_and_computed_once_per_document():
    doc, ctx = analysed("Only the tibia, the thin bone on the outer side of the lower leg, broke.", "text")
    first = sg.misfits(doc, ctx)
    assert first and sg.misfits(doc, ctx) is first
    assert sg.read(doc, ctx) is sg.read(doc, ctx)


def test_every_structure_with_facts_has_a_source_and_the_pack_is_big_enough():
    from healthlint.packs import builtin_packs

    entries = builtin_packs().entries("anatomy")
    assert len(entries) >= 300
    judged = [e for e in entries if e.function or e.features]
    assert len(judged) >= 200
    assert all(e.source and e.examples.flag and e.examples.ok for e in judged)
