"""Terminology on text nobody tuned to (issue 14, held-out rounds 7 and 8): each test is a KIND
of construction, in wordings of our own, not the rounds' sentences."""

from __future__ import annotations

import pytest

from healthlint.engine import check_text


def findings(text: str, fmt: str = "text"):
    return [f for f in check_text(text, format=fmt).files[0].findings if f.category == "terminology"]


def quoted(text: str, f) -> str:
    return text[f.start : f.end]


def test_a_singular_vertebra_after_an_ordinal_is_not_a_number_slip():
    text = "The bump at the bottom of the neck is the seventh cervical vertebra, also called the vertebra prominens."
    assert not [f for f in findings(text) if f.rule == "HL101"]
    # the determiner still decides: "a ... vertebrae" is a slip
    assert [f.rule for f in findings("Surgery may be needed if a broken vertebrae presses on a nerve.")] == ["HL101"]


@pytest.mark.parametrize("text, named, meant", [
    ("Coughing can strain the sternoclavicular joints, where the lower ribs join the breastbone.",
     "sternoclavicular joints", "sternocostal joint"),
    ("Arthritis often starts in the knee, the joint where the thigh bone meets the hip bone.", "knee", "hip joint"),
])
def test_a_joint_glossed_by_the_two_structures_another_joint_links(text, named, meant):
    found = [f for f in findings(text) if f.rule == "HL102"]
    assert [quoted(text, f) for f in found] == [named]
    assert any(meant in s for s in found[0].suggestions)


def test_a_ligament_running_between_the_bones_a_joint_links_is_not_that_joint():
    text = "The posterior cruciate ligament (which runs from the front of the thigh bone to the back of the shin bone) can tear."
    assert not findings(text)


def test_a_name_glossed_by_another_name_is_decided_by_what_follows():
    text = "Air goes down your oesophagus, or windpipe, a tube held open by rings of cartilage."
    found = [f for f in findings(text) if f.rule == "HL103"]
    assert [quoted(text, f) for f in found] == ["oesophagus"]
    assert found[0].suggestions == ("trachea",)
    assert not findings("Air goes down your trachea, or windpipe, a tube held open by rings of cartilage.")


@pytest.mark.parametrize("text, named, meant", [
    # coordinated adjectives do not end the appositive
    ("The manubrium, the small, pointed tip at the bottom of the breastbone, can be bruised.", "manubrium",
     "xiphoid process"),
    # the appositive and the 'which' clause after it are one description
    ("The radius, the longer of the two forearm bones, which lies on the little-finger side of the forearm, can break.", "radius",
     "ulna"),
])
def test_an_appositive_is_read_whole(text, named, meant):
    found = [f for f in findings(text) if f.rule == "HL103"]
    assert [quoted(text, f) for f in found] == [named]
    assert meant in found[0].suggestions


@pytest.mark.parametrize("text, wrong", [
    ("Jaw pain\n\nStiffness in the lumbar spine can refer pain to the jaw.", "lumbar spine"),
    ("Knee pain\n\nPain in the knee can be referred from the cervical spine.", "cervical spine"),
    ("Hand pain\n\nTingling in the fingers can mean swelling is pressing on the sciatic nerve.", "sciatic nerve"),
    ("Neck pain\n\nNumbness in the hands usually means a nerve is trapped where it leaves the lumbar spine.",
     "lumbar spine"),
    ("Foot pain\n\nA thickened radial nerve between the second and third toes causes burning pain.", "radial nerve"),
])
def test_a_structure_given_as_the_source_of_pain_far_from_where_it_is_felt(text, wrong):
    found = [f for f in findings(text) if f.rule == "HL104"]
    assert [quoted(text, f) for f in found] == [wrong]


@pytest.mark.parametrize("text", [
    "Elbow pain\n\nThe ulnar nerve can cause tingling in the ring and little fingers.",
    "Hand pain\n\nTingling in the fingers can mean swelling is pressing on the median nerve.",
    "Hip pain\n\nPain in the hip can be referred from the lumbar spine.",
    "Arm pain\n\nA trapped nerve in the neck can send pain into the arm.",
])
def test_a_nerve_felt_in_its_own_territory_is_left_alone(text):
    assert not [f for f in findings(text) if f.rule == "HL104"]


def test_of_two_structures_far_apart_the_one_the_sentence_does_not_place_is_flagged():
    text = "In carpal tunnel syndrome, swollen tissue in the wrist squeezes the sciatic nerve."
    found = [f for f in findings(text) if f.rule == "HL104"]
    assert [quoted(text, f) for f in found] == ["sciatic nerve"]
    assert found[0].suggestions == ("median nerve",)


@pytest.mark.parametrize("text, term, meant", [
    ("Pericarditis is inflammation of the thin layers around the lungs.", "Pericarditis", "pleurisy"),
    # the fix is spelt as the term was
    ("A subdural hematoma is bleeding that collects between the skull and the dura.", "subdural hematoma",
     "epidural hematoma"),
    ("A subdural haematoma is bleeding that collects between the skull and the dura.", "subdural haematoma",
     "epidural haematoma"),
])
def test_a_condition_defined_with_another_conditions_meaning(text, term, meant):
    found = [f for f in findings(text) if f.rule == "HL105"]
    assert len(found) == 1 and quoted(text, found[0]).startswith(term)  # the term and its gloss
    assert meant in found[0].suggestions


def test_a_process_noun_after_is_is_a_definition_only_with_a_cue_of_another_meaning():
    assert not findings("Hypertension is common in people who have low potassium levels.")
    assert not findings("Pleurisy is inflammation of the thin layers around the lungs.")


def test_the_class_a_medicine_is_named_as_an_example_of_is_its_gloss():
    text = "After the operation you may be given a strong pain medicine such as trazodone for a few days."
    found = [f for f in findings(text) if f.rule == "HL101"]
    assert [quoted(text, f) for f in found] == ["trazodone"]
    assert not findings("After the operation you may be given a strong pain medicine such as tramadol for a few days.")


def test_of_joints_linking_the_same_bones_the_one_at_the_place_named_is_suggested():
    text = "A fall can damage the radiocarpal joint, where the radius and ulna meet just above the wrist."
    found = [f for f in findings(text) if f.rule == "HL102"]
    assert [quoted(text, f) for f in found] == ["radiocarpal joint"]
    assert found[0].suggestions[0] == "distal radioulnar joint"


def test_a_class_at_the_head_of_a_gloss_is_its_head_noun_not_a_name():
    text = "A clot can reach the femoral vein, the vein just under the skin that is removed in varicose vein surgery."
    found = [f for f in findings(text) if f.rule == "HL103"]
    assert [quoted(text, f) for f in found] == ["femoral vein"]
    assert "great saphenous vein" in found[0].suggestions
    assert not findings("A clot can reach the femoral vein, the deep vein of the thigh.")
    # a synonym at the head is still a name glossed by a name, not a description
    assert not findings("Your buttock muscles, the glutes, fan out from the back of the pelvis.")


@pytest.mark.parametrize("text", [
    "The kneecap, the small bone in front of the thigh bone, can move out of place.",
    "The navicular, the bone that lies between the ankle bone behind and the cuneiforms in front, can ache in runners.",
])
def test_a_structure_named_by_a_lay_name_after_a_relation_word_is_where_the_term_lies(text):
    """'in front of the thigh bone', 'between A and B': the lay name is a neighbour, not what the gloss describes."""
    assert not [f for f in findings(text) if f.severity in ("error", "warning")]


def test_a_place_named_after_of_still_describes():
    text = "The humerus, the long bone of the thigh, can break in a fall."
    assert [f.rule for f in findings(text) if f.severity in ("error", "warning")]


# -- held-out round 9: structures placed by where they lie, and 'where' clauses beyond 'meets'

@pytest.mark.parametrize("text, named, meant", [
    # an appositive whose head noun is followed by what the structure lies between
    ("Rolling the foot can sprain the Lisfranc joint, the joint between the ankle bone and the heel bone.",
     "Lisfranc joint", "subtalar joint"),
    # an appositive that places the structure under a neighbour
    ("Wind often builds up at the hepatic flexure, the bend which lies just under the spleen high on the left.",
     "hepatic flexure", "splenic flexure"),
])
def test_an_appositive_that_places_a_structure_is_reported_once_as_a_position(text, named, meant):
    found = findings(text)
    assert [(f.rule, quoted(text, f)) for f in found] == [("HL102", named)]
    assert any(meant in s for s in found[0].suggestions)


@pytest.mark.parametrize("text, named, meant", [
    # 'where' with a verb other than 'meets', set off by dashes
    ("Stress leaks are worse when the anorectal junction — where the bladder opens into the urethra — sags.",
     "anorectal junction", "bladder neck"),
    # 'where X sits' closing the clause
    ("Surgery may free the round window, where the stapes footplate sits, so sound passes again.",
     "round window", "oval window"),
])
def test_a_where_clause_naming_what_lies_there_places_the_structure(text, named, meant):
    found = [f for f in findings(text) if f.rule == "HL102"]
    assert [quoted(text, f) for f in found] == [named]
    assert any(meant in s for s in found[0].suggestions)


@pytest.mark.parametrize("text", [
    "Stress leaks are worse when the bladder neck — where the bladder opens into the urethra — sags.",
    "Surgery may free the oval window, where the stapes footplate sits, so sound passes again.",
    "Wind often builds up at the splenic flexure, the bend which lies just under the spleen high on the left.",
    "Rolling the foot can sprain the subtalar joint, the joint between the ankle bone and the heel bone.",
    # a 'where' clause that tells what happens there, not what lies there
    "The round window, where pressure waves leave the cochlea, is a thin membrane.",
])
def test_a_structure_placed_where_it_lies_is_not_flagged(text):
    assert not [f for f in findings(text) if f.severity in ("error", "warning")]


# -- unseen text, rounds 5-9 read as kinds (branch terms4): each test a kind, in wordings of our own ------------


def _rule(text: str, code: str, fmt: str = "text"):
    return [f for f in findings(text, fmt) if f.rule == code]


@pytest.mark.parametrize("text, word, right", [
    # the document spells the word right elsewhere: a commoner misspelling still counts
    ("Emphysema damages the air sacs. People with emfysema get breathless. Emphysema is a kind of COPD.", None, None),
    ("Varicose veins are swollen. Compression stockings help large varicoce veins. Varicose veins can itch.",
     "varicoce", "varicose"),
    ("Greater trochanteric pain syndrome hurts. It is also called trochanteric bursitis or trochanterc pain.",
     "trochanterc", "trochanteric"),
])
def test_a_misspelling_beside_the_right_spelling_in_the_same_document(text, word, right):
    found = _rule(text, "HL106")
    if word is None:  # a consonant put for another is no slip unless it sounds alike
        assert not found
        return
    assert [quoted(text, f) for f in found] == [word]
    assert found[0].suggestions[0] == right and found[0].severity == "warning"


@pytest.mark.parametrize("text, word, right", [
    # a medical suffix on a stem one slip from a word of the page or a pack term
    ("The small sesamoid bones under the big toe can become inflamed: sesamodiitis.", None, None),
    ("Appendicitis is treated by removing the appendix, an operation called an appendisectomy.",
     "appendisectomy", "appendicectomy"),
    ("The sesamoid bones sit under the big toe; pressure can inflame them (sesamiditis).", "sesamiditis", "sesamoiditis"),
])
def test_a_medical_suffix_on_a_misspelled_stem(text, word, right):
    found = _rule(text, "HL106")
    if word is None:
        assert not [f for f in found if quoted(text, f) == "sesamodiitis" and f.suggestions[0] != "sesamoiditis"]
        return
    assert [quoted(text, f) for f in found] == [word]
    assert found[0].suggestions[0] == right


@pytest.mark.parametrize("text, word, right", [
    ("Your physio may teach you Kegle exercises for the pelvic floor.", "Kegle", "Kegel"),
    ("The arachnoid matter sits under the dura.", "matter", "mater"),
])
def test_a_word_of_a_name_misspelled_beside_the_rest_of_the_name(text, word, right):
    found = _rule(text, "HL106")
    assert [quoted(text, f) for f in found] == [word]
    assert found[0].suggestions[0] == right


@pytest.mark.parametrize("text", [
    "This is the part where the big toe joins the foot.",  # a lay word beside lay words
    "Pain in an intervertebral disc and an intervertebral disk are the same thing.",  # a spelling the name allows
    "Exercises for the pelvic floor help many women.",
    "It may not matter much whether you see the dura first.",
])
def test_names_around_ordinary_words_are_not_misspellings(text):
    assert not _rule(text, "HL106")


@pytest.mark.parametrize("text, place", [
    ("Elbow pain\n\nAn irritated nerve root in the lower back can send pain down to the elbow.", "lower back"),
    ("Wrist pain\n\nWrist pain can come from a problem in the hip.", "hip"),
])
def test_a_region_given_as_where_a_cause_lies(text, place):
    found = _rule(text, "HL104")
    assert [quoted(text, f) for f in found] == [place]


@pytest.mark.parametrize("text", [
    # referred pain the region pack knows: neck to hand, lower back to foot, hip to knee
    "Hand pain\n\nA trapped nerve in the neck can send pain into the hand.",
    "Foot pain\n\nA slipped disc in the lower back can cause pain in the foot.",
    "Knee pain\n\nKnee pain can come from a problem in the hip.",
    # where a symptom is felt is not where the cause lies
    "Hip pain\n\nHip pain can be referred from the lumbar spine, especially with tingling in the foot.",
])
def test_referred_pain_and_symptom_places_are_not_causes_far_away(text):
    assert not _rule(text, "HL104")


def test_a_region_blamed_far_away_is_told_where_trouble_is_felt_from():
    # the sacral nerve roots of the lower back supply the pelvis: pain there and in the buttocks points to it
    text = "Pain in the bottom and pelvis can come from a trapped nerve in the neck."
    found = _rule(text, "HL104")
    assert [quoted(text, f) for f in found] == ["neck"] and found[0].suggestions == ("lower back",)


def test_a_structure_placed_by_a_clause_after_it():
    text = "Ankle pain\n\nBurning under the sole can come from the median nerve as it passes behind the inner ankle."
    found = _rule(text, "HL104")
    assert [quoted(text, f) for f in found] == ["median nerve"]
    assert "tibial nerve" in found[0].suggestions
    assert not _rule("Ankle pain\n\nBurning under the sole can come from the tibial nerve as it passes behind the "
                     "inner ankle.", "HL104")


def test_a_pronoun_subject_stands_for_the_article_complaint():
    text = "Jaw pain\n\nIt is sometimes linked to arthritis in the sacroiliac joint."
    assert [quoted(text, f) for f in _rule(text, "HL104")] == ["sacroiliac joint"]
    assert not _rule("Jaw pain\n\nIt is sometimes linked to grinding your teeth at night.", "HL104")


@pytest.mark.parametrize("text, named, meant", [
    ("A rectocele happens when the bladder sags into the front wall of the vagina.", "rectocele", "cystocele"),
    ("Hepatitis is inflammation of the pancreas, often after heavy drinking.", "Hepatitis", "pancreatitis"),
    ("Bronchitis, when the smallest airways (bronchioles) get infected, is common in babies.", "Bronchitis",
     "bronchiolitis"),
])
def test_a_condition_defined_by_what_another_condition_involves(text, named, meant):
    found = _rule(text, "HL105")
    assert [quoted(text, f) for f in found] == [named]
    assert meant in found[0].suggestions


@pytest.mark.parametrize("text", [
    "A cystocele happens when the bladder sags into the front wall of the vagina.",
    "Pancreatitis is inflammation of the pancreas, often caused by gallstones blocking the bile duct.",
    "Cystitis is inflammation of the bladder, often from bacteria that travel up the urethra.",
])
def test_a_condition_defined_rightly_is_not_flagged(text):
    assert not _rule(text, "HL105")


def test_a_lay_name_set_off_after_a_technical_one_glosses_it():
    text = "The Achilles tendon pulls on the tibia, the heel bone, when you rise onto your toes."
    found = _rule(text, "HL103")
    assert [quoted(text, f) for f in found] == ["tibia"]
    assert found[0].suggestions == ("calcaneus",)
    assert not _rule("The Achilles tendon pulls on the calcaneus, the heel bone, when you rise onto your toes.", "HL103")
    # a list of bones is no gloss
    assert not _rule("A bad fall can break the tibia, the kneecap, the femur or the pelvis.", "HL103")


@pytest.mark.parametrize("text, word, right", [
    ("When you have a cold, clear mucous drips from the back of the nose.", "mucous", "mucus"),
    ("Past the outer knee, the perineal nerve winds round the top of the fibula towards the ankle and foot.",
     "perineal", "peroneal"),
    ("A cut across the plantar surface of the hand can damage the tendons to the fingers.", "plantar", "palmar"),
])
def test_sound_alikes_decided_by_syntax_or_by_the_places_around_them(text, word, right):
    found = _rule(text, "HL101")
    assert [quoted(text, f) for f in found] == [word]
    assert found[0].suggestions[0] == right


@pytest.mark.parametrize("text", [
    "The mucous membrane lining the nose makes mucus.",
    "Mucous glands in the nose work harder in winter.",
    "Perineal tears during birth usually heal within a few weeks.",
    "The plantar surface of the foot takes your weight.",
])
def test_sound_alikes_rightly_used_are_not_flagged(text):
    assert not _rule(text, "HL101")



@pytest.mark.parametrize("fmt, text", [
    # the place where a nerve is pressed, within a limb's reach of the complaint (a misspelt nerve name too)
    ("text", ("Ring finger numbness\n\nNumbness in the ring finger can also come from pressure on the ulner nerve at "
             "the elbow, so both are checked.")),
    # where an action is directed, not a cause
    ("text", ("Hand tingling\n\nHolding a phone to your ear for a long time with the arm bent can bring on tingling "
             "in the hand.")),
    # a list led in by a sentence about what you notice, after one about causes
    ("markdown", ("# Heart valve disease\n\n## Symptoms\n\nMild valve disease often causes no symptoms. As it gets "
                 "worse, you may notice:\n\n- breathlessness\n- swollen ankles or feet\n- tiredness\n")),
])
def test_a_body_part_that_is_no_cause_is_left_alone(fmt, text):
    assert not [f for f in findings(text, fmt) if f.rule == "HL104"]


def test_a_nerve_pressed_in_another_limb_is_still_flagged():
    text = "Hand numbness\n\nNumbness in the fingers can come from a nerve trapped in the knee."
    found = [f for f in findings(text) if f.rule == "HL104"]
    assert [quoted(text, f) for f in found] == ["knee"]


def test_a_condition_is_not_another_for_sharing_an_organ_without_its_process():
    ok = ("# Heartburn\n\nA hiatus hernia happens when part of the stomach pushes up into the chest. The commonest "
          "type is a sliding hiatus hernia, where the junction of the oesophagus and stomach slides up above the "
          "diafram.\n")
    assert not [f for f in findings(ok, "markdown") if f.rule == "HL105"]
    wrong = "Tummy pain\n\nPancreatitis is inflammation of the gallbladder."
    found = [f for f in findings(wrong) if f.rule == "HL105"]
    assert [quoted(wrong, f) for f in found] == ["Pancreatitis"]


@pytest.mark.parametrize("text, wrong", [
    ("Neck pain\n\nCompression of the L5 nerve root often causes numbness in the thumb.", "L5 nerve root"),
    ("Foot pain\n\nA trapped C7 nerve root can cause pain in the foot.", "C7 nerve root"),
])
def test_a_spinal_nerve_root_given_for_symptoms_outside_its_dermatome(text, wrong):
    found = [f for f in findings(text) if f.rule == "HL104"]
    assert [quoted(text, f) for f in found] == [wrong]


@pytest.mark.parametrize("text", [
    "Neck pain\n\nCompression of the C6 nerve root often causes numbness in the thumb.",
    "Foot pain\n\nA trapped S1 nerve root can cause pain in the foot.",
])
def test_a_spinal_nerve_root_in_its_dermatome_is_left_alone(text):
    assert not [f for f in findings(text) if f.rule == "HL104"]


@pytest.mark.parametrize("text", [
    "Hand tingling\n\nBending the elbow for a long time, such as holding a phone, can bring on tingling in the hand.",
    "Foot numbness\n\nCrossing your knees for hours can cause numbness in the foot.",
])
def test_a_posture_held_is_no_structure_at_fault(text):
    assert not [f for f in findings(text) if f.rule == "HL104"]


# -- issue 14, round of the body systems (terms5): kinds of gloss in wordings of our own, on body
# systems the packs covered least (brain, lungs, urinary and male organs, biliary, throat, spine,
# lymph nodes, sinuses, womb); each wrong sentence has a right twin that must stay clean.

@pytest.mark.parametrize("wrong, right, named, meant", [
    # appositive headed by a lay name that goes on to define it
    ("Smoking slowly destroys the pleura, the tiny air sacs where oxygen passes into the blood.",
     "Smoking slowly destroys the alveoli, the tiny air sacs where oxygen passes into the blood.", "pleura", "alveoli"),
    # a structure named as a place inside its own gloss ("from the ovary") does not hide the misfit
    ("Scarring can block the ovaries, the tubes that carry the egg from the ovary to the womb.",
     "Scarring can block the fallopian tubes, the tubes that carry the egg from the ovary to the womb.", "ovaries", "fallopian tube"),
    # the body systems' facts
    ("A clot may lodge in the cerebellum, the wrinkled outer layer of the brain that handles thought and language.",
     "A clot may lodge in the cerebral cortex, the wrinkled outer layer of the brain that handles thought and language.",
     "cerebellum", "cerebral cortex"),
    ("Swelling can affect the epididymis, the loose bag of skin that holds the testicles.",
     "Swelling can affect the scrotum, the loose bag of skin that holds the testicles.", "epididymis", "scrotum"),
    ("A smear test checks the cervix, the lining of the womb that is shed during a period.",
     "Each month the endometrium, the lining of the womb that is shed during a period, grows again.", "cervix", "endometrium"),
    ("A slipped disc happens when the annulus fibrosus, the soft jelly-like centre of the disc, pushes out.",
     "A slipped disc happens when the nucleus pulposus, the soft jelly-like centre of the disc, pushes out.",
     "annulus fibrosus", "nucleus pulposus"),
    ("Mucus can build up in the frontal sinuses, the air-filled spaces in the cheekbones under the eyes.",
     "Mucus can build up in the maxillary sinuses, the air-filled spaces in the cheekbones under the eyes.",
     "frontal sinuses", "maxillary sinus"),
    ("Allergies make the nasal septum, the bony shelves on the side walls of the nose that warm the air, swell.",
     "Allergies make the turbinates, the bony shelves on the side walls of the nose that warm the air, swell.", "nasal septum",
     "turbinates"),
    ("Cancer cells can reach the inguinal lymph nodes, the small glands in your armpit that drain the breast.",
     "Cancer cells can reach the axillary lymph nodes, the small glands in your armpit that drain the breast.",
     "inguinal lymph nodes", "axillary lymph nodes"),
])
def test_a_gloss_describing_another_structure_of_the_body_systems(wrong, right, named, meant):
    found = [f for f in findings(wrong) if f.rule in ("HL102", "HL103", "HL105")]
    assert [quoted(wrong, f) for f in found] == [named]
    assert any(meant in s.lower() for s in found[0].suggestions)
    assert not [f for f in findings(right) if f.rule in ("HL102", "HL103", "HL105")]


@pytest.mark.parametrize("wrong, right", [
    # "known as" / "is called" after the words that describe it
    ("The pocket between the womb and the rectum, known as the vesicouterine pouch, is where fluid collects.",
     "The pocket between the womb and the rectum, known as the pouch of Douglas, is where fluid collects."),
    ("The spot where the food pipe opens into the stomach is called the pylorus.",
     "The spot where the food pipe opens into the stomach is called the gastro-oesophageal junction."),
    # "where … enters", "at the junction of …": a structure named by what meets there
    ("The stone often sticks at the ureteropelvic junction, where the ureter enters the bladder.",
     "The stone often sticks at the ureterovesical junction, where the ureter enters the bladder."),
    ("The tricuspid valve, at the junction of the left ventricle and the aorta, can narrow with age.",
     "The aortic valve, at the junction of the left ventricle and the aorta, can narrow with age."),
])
def test_a_structure_named_by_where_it_lies(wrong, right):
    assert [f.rule for f in findings(wrong) if f.rule in ("HL102", "HL103")] == ["HL102"]
    assert not [f for f in findings(right) if f.rule in ("HL102", "HL103")]


@pytest.mark.parametrize("wrong, right", [
    ("The maxillary sinuses, located in the forehead above the eyebrows, can become blocked.",
     "The frontal sinuses, located in the forehead above the eyebrows, can become blocked."),
    ("The parietal lobe, at the back of the brain just above the cerebellum, makes sense of what you see.",
     "The occipital lobe, at the back of the brain just above the cerebellum, makes sense of what you see."),
    ("The renal cortex is the funnel-shaped space in the centre of the kidney where urine collects.",
     "The renal pelvis is the funnel-shaped space in the centre of the kidney where urine collects."),
])
def test_a_place_or_a_definition_in_other_wordings(wrong, right):
    assert [f for f in findings(wrong) if f.rule in ("HL102", "HL103", "HL105")]
    assert not [f for f in findings(right) if f.rule in ("HL102", "HL103", "HL105")]


@pytest.mark.parametrize("text", [
    # a place set off after the second of two structures belongs to both
    "The infraspinatus and the teres minor, on the back of the shoulder blade, turn the arm outward.",
    # "between" one structure with the second cut off by an aside is no place to judge
    "The aortic valve is located between the left ventricle, or lower chamber of the heart, and the aorta.",
    # a whole's own facts, said in other words
    "The pancreas is an enzyme factory, supplying enzymes to digest proteins, fats and carbohydrates.",
    # the part named by its whole
    "The right lung, the larger lung, has three lobes.",
    # a lay name in a list is no definition
    "Infection can spread to the tonsils, the adenoids and the ears.",
])
def test_clean_glosses_of_the_body_systems_stay_clean(text):
    assert not [f for f in findings(text) if f.rule in ("HL102", "HL103", "HL105")]


@pytest.mark.parametrize("text, wrong", [
    ("Toothache\n\nA problem with the sacroiliac joint can also cause pain in the jaw, with clicking.", "sacroiliac joint"),
    ("Sore throat\n\nA sore throat can also come from an inflamed prostate.", "prostate"),
    ("Testicle pain\n\nPain in the testicles is sometimes caused by a trapped nerve in the elbow.", "elbow"),
])
def test_a_structure_far_from_a_complaint_named_in_lay_words(text, wrong):
    assert [quoted(text, f) for f in findings(text) if f.rule == "HL104"] == [wrong]


@pytest.mark.parametrize("text", [
    "Testicle pain\n\nA kidney stone can cause pain that spreads to the testicles.",
    "Earache\n\nEarache in adults is often caused by a problem with the jaw joint or the teeth.",
    "Sore throat\n\nA sore throat can come with swollen glands in the neck.",
])
def test_a_complaint_named_in_lay_words_keeps_its_referred_causes(text):
    assert not [f for f in findings(text) if f.rule == "HL104"]


@pytest.mark.parametrize("wrong, right, term, meant", [
    # a bone's noun written for its adjective
    ("Leaning on a hard desk can press on the ulna nerve.", "Leaning on a hard desk can press on the ulnar nerve.", "ulna", "ulnar"),
    ("A needle in the femur artery at the groin takes the blood sample.",
     "A needle in the femoral artery at the groin takes the blood sample.", "femur", "femoral"),
    # a plural class before "such as" is the drug's definition
    ("Beta blockers such as metolazone are used to slow a fast heart.",
     "Beta blockers such as metoprolol are used to slow a fast heart.", "metolazone", "metoprolol"),
    # the word before decides ("lactational", "using")
    ("Lactational mastoiditis is common in the first weeks of feeding.",
     "Lactational mastitis is common in the first weeks of feeding.", "mastoiditis", "mastitis"),
    ("The nurse checks the tummy using palpitation.", "The nurse checks the tummy using palpation.", "palpitation", "palpation"),
])
def test_a_look_alike_decided_by_its_neighbours(wrong, right, term, meant):
    found = [f for f in findings(wrong) if f.rule == "HL101"]
    assert [quoted(wrong, f) for f in found] == [term]
    assert meant in [s.lower() for s in found[0].suggestions]
    assert not [f for f in findings(right) if f.rule == "HL101"]


def test_a_bones_adjective_before_its_shaft_is_right():
    assert not findings("Many tibial shaft fractures are fixed with a rod, and femoral neck fractures need surgery.")


@pytest.mark.parametrize("text, meant", [
    ("You will be invited for a screening mammagram every three years.", "mammogram"),
    ("Swelling of the arm after the nodes are removed is called lymphodema.", "lymphoedema"),
])
def test_a_misspelt_term_of_the_body_systems(text, meant):
    found = [f for f in findings(text) if f.rule == "HL106"]
    assert found and meant in [s.lower() for s in found[0].suggestions]


@pytest.mark.parametrize("text, named, meant", [
    # a fact met by its content words in another order ("muscle layer of the womb")
    ("The endometrium is the layer of muscle in the wall of the womb that squeezes hard during labour.",
     "endometrium", "myometrium"),
    # a fact's "in" met by "inside"
    ("The frontal sinuses are the largest pair, hollow spaces inside the cheekbones.", "frontal sinuses",
     "maxillary sinuses"),
    # a term opening its sentence after a place set first
    ("Deep in the pelvis, the coccyx is the large triangular bone between the two hip bones.", "coccyx", "sacrum"),
])
def test_a_definition_in_words_of_its_own(text, named, meant):
    (f,) = [f for f in findings(text) if f.rule in ("HL103", "HL105")]
    assert quoted(text, f) == named and meant in f.suggestions


@pytest.mark.parametrize("text", [
    "The myometrium is the layer of muscle in the wall of the womb that squeezes hard during labour.",
    "The maxillary sinuses are the largest pair, hollow spaces inside the cheekbones.",
    "Urine is made in the kidneys and travels down two thin tubes, the ureters, to the bladder.",  # 'in' is not 'inside'
    "The fifth metatarsal is the long bone that leads to the little toe.",  # 'toe bones' is no phrase in 'bone ... toe'
    "Deep in the pelvis, the sacrum is the large triangular bone between the two hip bones.",
])
def test_a_definition_of_its_own_structure_is_silent(text):
    assert not findings(text)


def test_a_far_cause_is_given_the_structure_its_paragraph_describes():
    """Several nerves reach the hand; the paragraph's own words ("carpal tunnel") say which one was meant."""
    text = ("Broken wrist\n\nTingling in your thumb and fingers can mean swelling is pressing on the sciatic nerve. "
            "Tell your care team at once. This is sometimes called acute carpal tunnel syndrome.\n")
    (f,) = [f for f in findings(text) if f.rule == "HL104"]
    assert quoted(text, f) == "sciatic nerve" and f.suggestions == ("median nerve",)


def test_a_distinctive_fact_alone_says_which_structure_a_gloss_describes():
    """'runs through the carpal tunnel' belongs to the median nerve alone: one such fact is enough."""
    text = "The ulnar nerve, which runs through the carpal tunnel along with the flexor tendons, can be squeezed."
    found = [f for f in findings(text) if f.rule == "HL103"]
    assert [quoted(text, f) for f in found] == ["ulnar nerve"]
    assert "median nerve" in found[0].suggestions
    assert not [f for f in findings(text.replace("ulnar", "median")) if f.category == "terminology"]


def test_a_gloss_headed_by_the_class_of_the_term_describes_one_of_that_class():
    """'one of the carpal bones on the thumb side' cannot mean the radius, a forearm bone."""
    text = "The scaphoid, one of the carpal bones on the thumb side, is the wrist bone most often broken."
    assert not [f for f in findings(text) if f.category == "terminology"]


def test_a_lay_name_inside_a_longer_one_is_not_read_as_the_term_itself():
    """'the upper jaw bone' is the maxilla, not the 'jaw bone' (mandible) inside it."""
    text = "The mandible is the upper jaw bone that holds your top teeth and forms the floor of the nose."
    found = [f for f in findings(text) if f.category == "terminology"]
    assert [quoted(text, f) for f in found] == ["mandible"]
    assert "maxilla" in found[0].suggestions


@pytest.mark.parametrize("text", [
    # the place after "on the skull" is the hinge's, not the skull's
    "The lower jaw hinges on the skull just in front of each ear.",
    # "where it passes into the hand" is the nerve's path, not what the wrist is
    "The nerve runs down to the wrist, where it passes into the hand to supply feeling to the ring and little fingers.",
    # a lay name inside a gloss is a part it names, not what the gloss describes
    "The outer ear is the part you can see plus the ear canal, which leads in to the eardrum.",
])
def test_places_and_paths_around_a_name_are_not_its_gloss(text):
    assert not [f for f in findings(text) if f.category == "terminology" and f.severity in ("error", "warning")]


def test_one_terminology_finding_per_word():
    """A look-alike word glossed as another structure draws HL101 only, not HL103 as well."""
    text = "The uvula, the middle layer of the eye that includes the iris, can become inflamed."
    found = [f for f in findings(text) if f.category == "terminology"]
    assert [(f.rule, quoted(text, f)) for f in found] == [("HL101", "uvula")]


@pytest.mark.parametrize("text, named, meant", [
    ("The thigh bone meets the shin bone at the elbow joint.", "elbow joint", "knee joint"),
    ("Pain at the back of the pelvis, where the sacrum meets the hip bones at the pubic symphysis, is common.",
     "pubic symphysis", "sacroiliac joint"),
])
def test_two_structures_meeting_at_a_named_joint_say_which_joint(text, named, meant):
    found = [f for f in findings(text) if f.category == "terminology" and f.severity == "error"]
    assert [quoted(text, f) for f in found] == [named]
    assert meant in found[0].suggestions


@pytest.mark.parametrize("text", [
    "The thigh bone meets the shin bone at the knee joint, which can wear with age.",
    "Pain at the back of the pelvis, where the sacrum meets the hip bones at the sacroiliac joint, is common.",
])
def test_two_structures_meeting_at_the_right_joint_are_not_flagged(text):
    assert not [f for f in findings(text) if f.category == "terminology"]


def test_two_structures_said_to_meet_that_never_do():
    """The pylorus opens into the duodenum, the one part of the small intestine that meets it."""
    text = "Duodenal ulcers are found just past the stomach, where the jejunum joins the pylorus."
    found = [f for f in findings(text) if f.category == "terminology"]
    assert [(f.rule, quoted(text, f)) for f in found] == [("HL102", "jejunum")]
    assert "duodenum" in found[0].suggestions
    for right in ("Duodenal ulcers are found just past the stomach, where the duodenum joins the pylorus.",
                  "The ileum joins the large intestine at the caecum.", "The oesophagus joins the stomach."):
        assert not [f for f in findings(right) if f.category == "terminology"], right


@pytest.mark.parametrize("text, named, meant", [
    # a side of a region names the region after it: "the back of your leg" is the leg, not the back
    ("Hip pain\n\nPelvic pain that shoots down the back of your leg to your foot may come from irritation of the radial nerve.",
     "radial nerve", "sciatic nerve"),
    # squeezed where it passes: the place is the nerve's
    (("Heel pain\n\nTarsal tunnel syndrome is where the median nerve is squeezed as it passes behind the bony bump on the "
     "inside of the ankle."), "median nerve", None),
])
def test_a_nerve_blamed_or_placed_far_from_where_it_runs(text, named, meant):
    found = [f for f in findings(text) if f.rule == "HL104"]
    assert [quoted(text, f) for f in found] == [named]
    if meant:
        assert meant in found[0].suggestions


def test_a_structure_held_in_the_hand_is_not_placed_in_it():
    text = "Testicle lumps\n\nGently roll each testicle between your fingers and thumb once a month."
    assert not [f for f in findings(text) if f.category == "terminology"]


@pytest.mark.parametrize("text", [
    # "at the wrist" after a joint's own "where" gloss is where the joint lies, not another name for it
    "Thumb-base arthritis affects the carpometacarpal joint, where the thumb metacarpal meets the trapezium at the wrist.",
    # the heel of the hand is the hand
    "Wrist pain\n\nCyclists can get numb fingers from pressure on the ulnar nerve at the heel of the hand.",
    # the sphincter lies at the junction it is named for
    "At the bottom, the lower oesophageal sphincter, where the oesophagus joins the stomach, opens to let food in.",
])
def test_places_of_joints_and_hands_read_as_places(text):
    assert not [f for f in findings(text) if f.category == "terminology"]


def test_a_name_glossed_by_another_is_reported_once():
    """'the talus, or heel bone, which …': the pair is reported, and the clause after both is not read again
    as a gloss of the lay name alone."""
    text = "The biggest bone in the foot is the talus, or heel bone, which takes your weight when your foot lands."
    found = [f for f in findings(text) if f.category == "terminology"]
    assert [(f.rule, quoted(text, f)) for f in found] == [("HL103", "talus")]


def test_the_complaint_a_cause_leads_to_is_the_clause_after_the_verb():
    """'numbness in the hand, often with pain in the neck': the hand is the complaint; the neck is a companion
    symptom (and a hint that the cervical spine is meant), not where the lumbar spine's trouble is felt."""
    text = ("Hand numbness\n\nA trapped nerve root in the lumbar spine can cause numbness and tingling in the hand, often "
            "with pain in the neck or shoulder.")
    found = [f for f in findings(text) if f.rule == "HL104"]
    assert [quoted(text, f) for f in found] == ["lumbar spine"]
    assert "cervical spine" in found[0].suggestions


def test_a_structure_named_in_a_condition_s_gloss_keeps_its_own_gloss():
    """'a hernia bulges up through the X, the opening in the diaphragm where the oesophagus passes': the X's
    appositive is its own definition (the oesophageal hiatus), reported as a structure named by where it lies."""
    text = ("A hiatal hernia happens when the upper part of the stomach bulges up through the inguinal ring, the "
            "opening in the diaphragm where the esophagus passes into the abdomen.")
    found = [f for f in findings(text) if f.category == "terminology"]
    assert [(f.rule, quoted(text, f)) for f in found] == [("HL102", "inguinal ring")]
    assert any("hiatus" in s for s in found[0].suggestions)


def test_what_the_sentence_says_of_a_glossed_subject_settles_the_structure():
    """'The occipital lobe, just behind your forehead, helps with planning': the place alone fits the frontal lobe
    and the frontal sinus alike; the sentence's predicate says which."""
    text = "The occipital lobe, just behind your forehead, helps with planning, personality and controlling movement."
    (f,) = [f for f in findings(text) if f.category == "terminology"]
    assert quoted(text, f) == "occipital lobe" and f.suggestions[0] == "frontal lobe"


@pytest.mark.parametrize("text", [
    # the predicate fits another structure by two words, the gloss itself nothing of it
    "The cerebellum, at the back and base of the skull, coordinates balance and smooth movement.",
    "The frontal lobe, just behind your forehead, helps with planning, personality and controlling movement.",
])
def test_a_predicate_brings_no_structure_the_gloss_says_nothing_of(text):
    assert [f for f in findings(text) if f.category == "terminology"] == []


def test_a_structure_the_predicate_names_keeps_its_own_gloss():
    text = ("The appendix, a narrow finger-shaped tube, hangs from the duodenum, a short pouch at the start of the "
            "large bowel in the lower right of the abdomen.")
    (f,) = [f for f in findings(text) if f.category == "terminology"]
    assert quoted(text, f) == "duodenum" and f.suggestions[0] in ("caecum", "cecum")


def test_a_name_called_after_a_clause_glosses_the_clauses_last_noun_phrase():
    text = ("Some lymph drains to nodes beside the breastbone, and some to the lymph nodes above the collarbone, "
            "called the axillary nodes.")
    (f,) = [f for f in findings(text) if f.category == "terminology"]
    assert quoted(text, f) == "axillary nodes" and "supraclavicular" in f.suggestions[0]


def test_a_sciatica_cause_in_the_arm_is_far_from_the_lower_back_though_the_spine_is_broad():
    text = ("# Lower back pain and the spine\n\nSciatica is pain caused by irritation of the ulnar nerve, usually by a "
            "slipped disc in the lower back.\n")
    (f,) = [f for f in findings(text, "markdown") if f.rule == "HL104"]
    assert quoted(text, f) == "ulnar nerve" and f.data["article_regions"] == ["lower back", "spine"]


@pytest.mark.parametrize("text, written, meant", [
    # a gloss of a part of the look-alike: the crest of the ilium is the top rim of the pelvis
    ("A hip pointer is a bruise over the crest of the ileum, the top rim of the pelvis that you can feel at your waist.",
     "ileum", "ilium"),
    # what is done there, in a "where" clause
    ("Next comes the jejunum, and finally the ilium, where vitamin B12 and bile salts are taken up.", "ilium", "ileum"),
    # a gloss set before the name, read from its own clause
    ("The colon starts where the last part of the small bowel, the ilium, joins it.", "ilium", "ileum"),
])
def test_a_look_alike_told_by_a_gloss_in_other_shapes(text, written, meant):
    (f,) = [f for f in findings(text) if f.rule == "HL101"]
    assert quoted(text, f) == written and f.suggestions[0] == meant


@pytest.mark.parametrize("text", [
    # no place named: the middle layer of the womb is no layer of the brain's coverings
    ("The uterus has three layers: the endometrium, the inner lining; the myometrium, the thick muscular middle layer; "
    "and the perimetrium, a thin outer covering."),
    # the head noun is what the named structure is: a hollow, not a joint at the base of the thumb
    ("The anatomical snuffbox, the small hollow at the base of the thumb on the back of the wrist, is tender after a "
    "scaphoid fracture."),
])
def test_a_gloss_is_not_moved_to_another_region_or_kind(text):
    assert [f for f in findings(text) if f.category == "terminology"] == []


def test_a_space_said_to_lie_between_two_structures_is_named_by_where_it_lies():
    text = "The pouch of Douglas, the small space between the bladder and the front of the uterus, can hold fluid."
    (f,) = [f for f in findings(text) if f.category == "terminology"]
    assert f.rule == "HL102" and "vesicouterine" in f.message


@pytest.mark.parametrize("text, flagged", [
    ("Thick mucous collecting at the back of the throat is common.", True),  # a noun before an -ing verb of place
    ("The mucous coating on the stomach wall protects it.", False),  # a head noun the adjective takes
    ("The mucous lining in the nose swells.", False),
])
def test_an_adjective_used_as_a_noun_before_a_verb_of_place(text, flagged):
    assert bool([f for f in findings(text) if f.rule == "HL101"]) == flagged


def test_a_cause_far_from_the_complaint_is_suggested_by_a_name_that_begins_alike():
    """'the cervical spine' behind the womb: the cervix lies there and its name begins alike."""
    text = ("# Endometriosis and the pelvis\n\nDeep pain during sex often comes from endometriosis on the uterosacral "
            "ligaments, just behind the cervical spine.\n")
    (f,) = [f for f in findings(text, "markdown") if f.rule == "HL104"]
    assert quoted(text, f) == "cervical spine" and f.suggestions == ("cervix",)


@pytest.mark.parametrize("text, written, meant", [
    # a structure class before "called"
    ("Where the windpipe divides into the two main bronchi there is a ridge called the epiglottis.", "epiglottis", "carina"),
    # lay names of the first two neck bones
    ("Most turning of the head happens at the atlanto-occipital joint, between the first and second neck bones.",
     "atlanto-occipital joint", "atlantoaxial joint"),
    # words of place read as one: "lowest" is "lower", "beneath" is "under"
    ("The fundus is the lowest part of the stomach, which empties into the small intestine.", "fundus", "antrum"),
    ("The pleura is the muscle beneath the lungs that does most of the work of breathing.", "pleura", "diaphragm"),
    # a short name in brackets is no gloss: the gloss after it is read
    (("The one injured most often is the anterior talofibular ligament (ATFL), the thick fan-shaped ligament on the "
     "inner side of the ankle."), "anterior talofibular ligament", "deltoid ligament"),
])
def test_glosses_in_more_shapes(text, written, meant):
    (f,) = [f for f in findings(text) if f.category == "terminology"]
    assert quoted(text, f) == written and meant in f.suggestions[0].lower()


def test_a_joint_named_in_the_plural_is_suggested_in_the_plural():
    text = "Aching in the lower back often comes from the facet joints, where the spine meets the pelvis."
    (f,) = [f for f in findings(text) if f.rule == "HL102"]
    assert f.suggestions[0] == "sacroiliac joints"



# -- held-out rounds 32 and 33: false alarms at first sight, as kinds (our own wordings) --------------------------

@pytest.mark.parametrize("text", [
    # a rank among a structure's kin ("the outermost layer") is no fact of another family's member (the dura mater)
    "# Skin care\n\n## How skin is built\n\nThe epidermis is the outermost layer. It renews itself every month or so.\n",
    # a part of the named structure's own whole, and no more ("the largest part of the pelvic floor")
    "# Bladder control\n\n## The muscles\n\nThe levator ani is the largest part of the pelvic floor. It lifts and supports.\n",
    # "(or X)" with two technical names gives the other of two, not a second name
    "# Stitches after birth\n\n## Where tears happen\n\nThe perineum lies between the vagina (or scrotum) and the anus.\n",
    # places in a list after a preposition: no structure is placed at another
    "# Itchy rashes\n\n## Eczema\n\nEczema often flares on the elbows, knees and wrists in winter.\n",
    # the place a nerve passes, in a clause of its passing, is where it is pressed, not a cause of its own
    ("# Tingling fingers\n\n## Ulnar nerve entrapment\n\nWhen the ulnar nerve is pressed or stretched as it runs behind the "
    "elbow, it can cause tingling in the little finger.\n"),
])
def test_first_sight_false_alarms_of_rounds_32_and_33_as_kinds(text):
    assert [(f.rule, quoted(text, f)) for f in findings(text, "markdown")] == []


def test_a_region_word_before_a_structure_is_part_of_its_name():
    """"upper back teeth" are molars, not the upper back, in a scrape's list of causes."""
    text = ("Blocked Sinuses: A Guide to Your Nose and Face\n\nWhat causes it\n\nThings that can raise your risk "
            "include:\n\nHay fever\nAn infection in the upper back teeth\nSmoking\n")
    assert findings(text) == []
    # a region named on its own is still read as the cause's place
    text = text.replace("An infection in the upper back teeth", "A trapped nerve in the upper back")
    assert [(f.rule, quoted(text, f)) for f in findings(text)] == [("HL104", "upper back")]


def test_a_rank_among_kin_still_tells_siblings_apart():
    """The kin rule keeps what ranks are for: the meninges' layers, the saphenous veins."""
    text = "The arachnoid mater, the outermost layer of the meninges, lines the skull."
    assert [(f.rule, f.suggestions[0]) for f in findings(text)] == [("HL103", "dura mater")]
    text = "The small saphenous vein, the longest vein in the body, runs up the inner leg to the groin."
    assert [(f.rule, f.suggestions[0]) for f in findings(text)] == [("HL103", "great saphenous vein")]


@pytest.mark.parametrize("text, written, meant", [
    # a structure named inside another's relative clause keeps its own appositive
    ("The gluteus medius, which attaches to the ileum, the broad wing-shaped bone of the pelvis, steadies the hip.",
     "ileum", "ilium"),
    # a gloss set before a name that ends the sentence
    ("Crohn's disease most often inflames the last part of the small intestine, the ilium.", "ilium", "ileum"),
    # among structures the gloss fits as well (the ileum and the valve at its end), the look-alike is meant
    ("A swallowed coin can lodge at the far end of the small intestine, the ilium.", "ilium", "ileum"),
])
def test_a_look_alike_glossed_in_rounds_32_and_33_shapes(text, written, meant):
    (f,) = [f for f in findings(text) if f.category == "terminology"]
    assert (f.rule, quoted(text, f), f.suggestions[0]) == ("HL101", written, meant)


@pytest.mark.parametrize("text, written, meant", [
    (("The radial head spins against the ulna at the distal radioulnar joint, where the radius and ulna meet just "
     "below the elbow."), "distal radioulnar joint", "proximal radioulnar joint"),
    ("The proximal radioulnar joint, where the radius and ulna meet just above the wrist, can be sprained.",
     "proximal radioulnar joint", "distal radioulnar joint"),
])
def test_two_joints_linking_the_same_bones_are_told_apart_by_where_the_gloss_places_them(text, written, meant):
    (f,) = [f for f in findings(text) if f.category == "terminology"]
    assert (f.rule, quoted(text, f), f.suggestions[0]) == ("HL102", written, meant)


@pytest.mark.parametrize("text", [
    "The proximal radioulnar joint, where the radius and ulna meet just below the elbow, lets you turn your palm.",
    # a position word before a name the pack knows without it: the name is not the one the pack has
    "Ankle sprains can damage the distal tibiofibular joint, where the shin bone and fibula meet just above the ankle.",
])
def test_a_joint_placed_where_it_lies_is_not_flagged(text):
    assert findings(text) == []


def test_a_passage_glossed_by_what_it_links_is_named_by_where_it_lies():
    """HL102, as held-out writers file it: a duct or tube defined by the two places it links."""
    text = "Germs can travel up the tear duct, the narrow passage that connects the middle ear to the back of the nose."
    (f,) = findings(text)
    assert (f.rule, quoted(text, f), f.suggestions[0]) == ("HL102", "tear duct", "Eustachian tube")


def test_a_plural_suggestion_is_the_plural_the_pack_lists():
    """'sinus' is not made plural by adding -s: the entry's own plural name is suggested."""
    text = "The ethmoid sinuses, the large cavities inside the cheekbones under the eyes, often get infected."
    (f,) = findings(text)
    assert f.suggestions[0] == "maxillary sinuses"


def test_a_gloss_headed_by_a_count_of_a_lay_name_is_read_for_that_structure():
    """'the millions of tiny, balloon-like air sacs': the head is the air sacs (the alveoli)."""
    text = ("The bronchi are the millions of tiny, balloon-like air sacs at the very end of the airways, where oxygen "
            "passes into the blood.")
    (f,) = findings(text)
    assert (f.rule, quoted(text, f), f.suggestions[-1]) == ("HL105", "bronchi", "alveoli")


@pytest.mark.parametrize("text, flagged", [
    # equal scores: a phrase of the hamate's facts ("hook-shaped projection") outweighs a word ("palm")
    (("The pisiform is the carpal bone with a hook-shaped projection that can crack when a golf club jars against "
     "the palm."), "hamate"),
    # two phrases at equal scores (a place named in the gloss, a muscle near it) still decide nothing
    (("Across the front of the groin, the band running from the bony point at the front of your hip down to the pubic "
     "bone is called the iliotibial band."), None),
])
def test_equal_scores_are_decided_by_a_phrase_over_a_word_only(text, flagged):
    found = [f.suggestions[0] for f in findings(text, "markdown")]
    assert found == ([flagged] if flagged else [])


def test_a_cause_after_another_in_a_coordinated_list_is_read():
    text = "# Groin pain\n\nGroin pain can come from a pulled muscle, or from a trapped nerve in the neck.\n"
    assert [(f.rule, quoted(text, f)) for f in findings(text, "markdown")] == [("HL104", "neck")]


@pytest.mark.parametrize("text", [
    # the place after "hinges against your X" is the hinge's, not the X's gloss
    "Your lower jaw hinges against your skull just in front of each ear.",
    # a structure a nerve is said to pass between may press on it, whatever its own region
    ("# Tingling hands\n\nThe nerves to the arm pass between the scalene muscles, which is why tight scalene muscles "
    "can cause tingling in the hand.\n"),
])
def test_first_sight_false_alarms_of_round_35_as_kinds(text):
    assert [(f.rule, quoted(text, f)) for f in findings(text, "markdown")] == []


@pytest.mark.parametrize("text, written, meant", [
    # a definition opened by a count ("are two ... glands"); the relative clause after an aside naming where they
    # lie ("one on each side of the womb, that ...") is said of them, not of the womb
    ("The fallopian tubes are two almond-shaped glands, one on each side of the womb, that make eggs and hormones.",
     "fallopian tubes", "ovaries"),
])
def test_a_definition_opened_by_a_count_and_an_aside(text, written, meant):
    found = [f for f in findings(text) if f.category == "terminology"]
    assert [(quoted(text, f), f.suggestions[-1]) for f in found] == [(written, meant)]


def test_a_gloss_naming_the_parts_of_the_term_is_the_term_itself():
    text = "The heart has two upper chambers (the right and left atria) and two lower chambers (the right and left ventricles)."
    assert findings(text) == []


def test_a_name_called_after_a_kind_is_of_that_kind():
    """'a one-way valve called the X': among structures the rest fits alike, the X is the valve."""
    text = ("Where the small bowel joins the large bowel, a one-way valve called the pyloric sphincter stops waste "
            "from flowing back.")
    (f,) = findings(text)
    assert (f.rule, quoted(text, f), f.suggestions[0]) == ("HL102", "pyloric sphincter", "ileocaecal valve")


@pytest.mark.parametrize("text, written, meant", [
    # "where A meets B" of a joint describes a joint, and a lay name with "at" still names its bone
    (("A jammed finger can hurt at the proximal interphalangeal joint, where the middle bone of the finger meets the "
     "bone at the very tip."), "proximal interphalangeal joint", "distal interphalangeal joint"),
    # verbs of gliding and emptying meet as well as "meets" and "empties"
    (("Pain at the front of the knee can come from the tibiofemoral joint, where the back of the kneecap glides in a "
     "groove on the thigh bone."), "tibiofemoral joint", "patellofemoral joint"),
    (("Digestive juices reach the duodenum at the pylorus, where the common bile duct and the pancreatic duct empty "
     "into the intestine."), "pylorus", "ampulla of Vater"),
])
def test_a_structure_named_by_what_meets_there_in_more_verbs(text, written, meant):
    (f,) = findings(text)
    assert (f.rule, quoted(text, f), f.suggestions[0]) == ("HL102", written, meant)


@pytest.mark.parametrize("text", [
    ("Running down the outside of the thigh is the iliotibial band, a thick strip of fibrous tissue that runs from the "
    "hip to just below the knee."),
    "The bladder collects urine and holds it until it is time to empty.",
])
def test_first_sight_false_alarms_of_round_36(text):
    assert findings(text) == []


@pytest.mark.parametrize("text, written, meant", [
    # a head noun after a noun of number: of the group's kind or of its members'
    ("The quadriceps is the group of muscles at the back of the thigh that bends the knee.", "quadriceps", "hamstrings"),
    # a structure named as what a bridge connects is where it lies, not what the gloss describes
    (("The greater trochanter, the narrow bridge of bone connecting the ball of the hip to the shaft of the thigh bone, "
     "can break in a fall."), "greater trochanter", "femoral neck"),
    # a sibling the pack lacked: the muscle that lifts the upper eyelid
    ("The orbicularis oculi, the muscle that lifts the upper eyelid when you open your eyes, can weaken with age.",
     "orbicularis oculi", "levator palpebrae superioris"),
])
def test_kinds_of_round_37(text, written, meant):
    (f,) = findings(text)
    assert (quoted(text, f), f.suggestions[-1]) == (written, meant)


@pytest.mark.parametrize("text, flagged", [
    # three of the other's words nearby, in any regular inflection ("choke", "eat", "drink"), settle an unglossed word
    ("After his stroke he had dysphasia and would cough or choke when he tried to eat or drink.", True),
    ("After his stroke he had dysphasia and could not find words or talk clearly.", False),
    # a definition given with the word still outweighs words nearby
    ("The ileum, the last part of the small intestine, lies low on the right, above the bony crest of the pelvis.", False),
])
def test_words_nearby_settle_an_unglossed_look_alike(text, flagged):
    assert bool([f for f in findings(text) if f.rule == "HL101"]) == flagged


def test_a_look_alike_is_preferred_among_fits_within_the_tie_margin():
    """A phrase of another structure's facts ('wing-shaped bone': the scapula) only breaks ties between others:
    the look-alike of the word written (the ilium, 'wing-shaped') is still the one meant."""
    text = "In pregnancy the ileum, the large wing-shaped bone you can feel at your hip, can ache."
    (f,) = findings(text)
    assert (f.rule, quoted(text, f), f.suggestions[0]) == ("HL101", "ileum", "ilium")


@pytest.mark.parametrize("text, written, meant", [
    # what a drug is given for, said inside its own gloss, is strong evidence
    (("After the bleed, patients are given nifedipine, a calcium channel blocker taken every four hours to prevent "
     "vasospasm."), "nifedipine", "nimodipine"),
    # a drug name in two look-alike pairs is reported once, from the pair whose member is the name as written
    ("Your pediatrician may prescribe an antibiotic such as Keppra for 7 to 10 days.", "Keppra", "Keflex"),
    # the rescue inhaler and the beta-blocker (ISMP)
    ("Your rescue inhaler, usually atenolol, opens the airways within minutes.", "atenolol", "albuterol"),
])
def test_look_alike_drug_names_in_more_shapes(text, written, meant):
    (f,) = findings(text)
    assert (f.rule, quoted(text, f), f.suggestions[0]) == ("HL101", written, meant)


@pytest.mark.parametrize("text, flagged", [
    # a use stated before the drug, in one clause: "people with X take", "X is treated with"
    ("People with adrenal insufficiency usually take hydrocodone tablets twice a day.", "hydrocortisone"),
    ("An overactive thyroid is often treated first with carbamazepine.", "carbimazole"),
    # the drug's own use stated first is no slip
    ("People with epilepsy usually take carbamazepine tablets.", None),
])
def test_a_drug_after_its_stated_use(text, flagged):
    found = [f.suggestions[0] for f in findings(text) if f.rule == "HL101"]
    assert found == ([flagged] if flagged else [])


# -- rounds 42 and 43 (2026-12-08): kinds their first sight showed, in wordings of our own ------------------

def test_the_middle_item_of_a_list_is_no_apposition():
    # "A, B and C": B names another thing on the list, not what A is
    assert not findings("The muscle is anchored to the lower ribs, the bottom of the sternum (breastbone) and the lumbar spine.")
    # a set-off description is still read ("A, the ..., verb")
    text = "Sometimes the fibula, the large weight-bearing bone of the shin, breaks in a fall."
    assert [quoted(text, f) for f in findings(text) if f.rule == "HL103"] == ["fibula"]


def test_lymph_nodes_placed_far_from_the_article_s_region():
    # nodes are found all over the body in groups: the place is the slip when a group lies where the article is
    ear = ("# Middle ear infections in children\n\nMost ear infections follow a cold. Your child may have a fever, "
           "ear pain and swollen lymph nodes in the groin.\n")
    found = [f for f in findings(ear, "markdown") if f.rule == "HL104"]
    assert [quoted(ear, f) for f in found] == ["groin"]
    assert found[0].suggestions == ("neck",)
    groin = ("# Lumps in the groin\n\nA lump in the groin is often a hernia. Other causes include swollen lymph nodes "
             "in the groin after an infection in the leg.\n")
    assert not [f for f in findings(groin, "markdown") if f.rule == "HL104"]
    # vessels have no regional groups: an artery reached at the wrist serves a heart procedure
    heart = ("# Coronary angiography\n\nA thin tube is passed into an artery in the wrist and guided up to the heart.\n")
    assert not [f for f in findings(heart, "markdown") if f.rule == "HL104"]


def test_a_definition_s_fix_is_spelt_as_the_term_was():
    us = findings("Warning signs include bradypnea (breathing that is abnormally fast) and blue lips.")
    assert [f.rule for f in us] == ["HL105"] and "tachypnea" in us[0].suggestions
    uk = findings("Warning signs include bradypnoea (breathing that is abnormally fast) and blue lips.")
    assert [f.rule for f in uk] == ["HL105"] and "tachypnoea" in uk[0].suggestions


@pytest.mark.parametrize("text", [
    "The spleen, which filters your blood, sits under the left ribs.",
    "In women the inguinal canal carries the round ligament, which helps hold the womb in place.",
])
def test_first_sight_false_alarms_of_round_42(text):
    assert not findings(text)


@pytest.mark.parametrize("text, fixes", [
    # a root names one structure; the gloss names another of the same kind
    ("After mumps some men get orchitis (swelling and inflammation of the prostate gland).",
     ("inflammation of the testicle", "prostatitis")),
    ("A cholecystectomy (removal of the pancreas) is done through small cuts.", ("removal of the gallbladder", "pancreatectomy")),
    ("Your doctor may find hepatomegaly, meaning an enlarged spleen, when feeling your tummy.", ("splenomegaly",)),
    # an ending glossed with its opposite
    ("A scan showed cardiomegaly (a heart smaller than normal).", ("an enlarged heart",)),
])
def test_a_medical_word_read_by_its_parts(text, fixes):
    found = [f for f in findings(text) if f.rule == "HL105"]
    assert len(found) == 1
    for fix in fixes:
        assert any(fix in s for s in found[0].suggestions), (fix, found[0].suggestions)


@pytest.mark.parametrize("text", [
    "Meningitis (inflammation of the membranes around the brain and spinal cord) needs urgent care.",
    "Gastroenteritis (inflammation of the stomach and intestines) spreads easily in nurseries.",
    "Arthritis (inflammation of the knee or hip joints) is common in older people.",
    "A hysterectomy (removal of the womb and sometimes the ovaries) is a major operation.",
    "Splenomegaly (an enlarged spleen) can follow glandular fever.",
])
def test_a_word_read_by_its_parts_left_alone_when_the_gloss_fits(text):
    assert not [f for f in findings(text) if f.rule == "HL105"]


@pytest.mark.parametrize("text", [
    # a sentence opening with a phrase of place around the term: what follows the comma is the subject
    "From each kidney, a narrow tube called a ureter takes urine down to the bladder.",
    # first-sight false alarms of round 45, in wordings of our own
    "The colon begins at the caecum, a pouch low on the right side of the belly where the small intestine empties into it.",
    "The abductor pollicis longus, which moves the thumb out and away from the hand, can be inflamed.",
])
def test_first_sight_false_alarms_of_round_45(text):
    assert not findings(text)


@pytest.mark.parametrize("text, slip", [
    # a part of one organ put inside another, however near the two lie
    ("In coeliac disease the immune system damages the alveoli lining the small intestine.", "alveoli"),
    ("The cochlea inside the eye turns light into nerve signals.", "cochlea"),
    ("Sound makes the vocal cords within the middle ear vibrate.", "vocal cords"),
])
def test_a_part_placed_inside_another_organ(text, slip):
    found = [f for f in findings(text) if f.rule == "HL104"]
    assert [text[f.start:f.end] for f in found] == [slip]


@pytest.mark.parametrize("text", [
    "The retina lining the back of the eye turns light into nerve signals.",
    "The alveoli in the lungs fill with fluid in pneumonia.",
    "The vocal cords in the voice box vibrate as air passes over them.",
    "The ethmoid sinuses lie between your eyes.",
    # beside, not inside
    "The adrenal glands sit on top of the kidneys.",
    "The prostate lies just below the bladder.",
])
def test_a_part_inside_its_own_organ_or_beside_another(text):
    assert not [f for f in findings(text) if f.rule == "HL104"]


@pytest.mark.parametrize("text", [
    # a look-alike whose written form and head noun are a structure's name as they stand
    "Dupuytren's contracture is a slow thickening of the palmar fascia.",
    # a bracket after a second phrase ("... and drains through a mesh (X)") glosses that phrase, not the first structure
    "Fluid leaves through the pupil and then drains away through a fine sieve (the trabecular meshwork) at the edge.",
    # a relative clause after a place set off by commas is said of what comes before the place
    "A growth somewhere else in the body, usually in the lung, that makes ACTH is one cause.",
    # "mucus" before the noun it makes up
    "The bacteria live in the mucus layer that protects the stomach lining.",
])
def test_first_sight_false_alarms_of_rounds_46_and_47(text):
    assert not [f for f in findings(text) if f.category == "terminology"]


def test_a_look_alike_still_flagged_when_its_compound_is_placed_elsewhere():
    text = "Heel pain often comes from the palmar fascia under the sole of the foot."
    assert any(f.rule == "HL101" and f.suggestions[:1] == ("plantar",) for f in findings(text))


def test_the_structure_outside_the_article_s_region_is_the_slip_when_the_sentence_says_no_more():
    text = "# Fluid on the brain\n\nBalance problems come from the swollen cerebral ventricles pressing on the sciatic nerve.\n"
    found = [f for f in findings(text) if f.rule == "HL104"]
    assert [text[f.start:f.end] for f in found] == ["sciatic nerve"]


def test_a_side_cue_in_its_other_forms():
    # "lower" is a form of the side word "low": the name glossed on the other side is flagged for its side
    text = "The large vein from the lower body to the heart (superior vena cava) can be injured."
    found = [f for f in findings(text) if f.rule == "HL103"]
    assert len(found) == 1 and "inferior vena cava" in found[0].suggestions


@pytest.mark.parametrize("text, fix", [
    ("The finger locks in flexion (straightened out) and then clicks.", "extension"),
    ("Cortisol is replaced with hydrocodone tablets each morning.", "hydrocortisone"),
    ("Eye doctors may prescribe cycloserine (Restasis) drops for dry eyes.", "cyclosporine"),
])
def test_cues_read_in_their_other_forms_and_brands(text, fix):
    assert any(fix in s for f in findings(text) for s in f.suggestions), findings(text)


def test_suggestions_spelt_as_an_american_article_spells():
    text = ("Heartburn happens when acid comes up into the esophagus. The pylorus, the muscular valve where the "
            "esophagus joins the stomach, relaxes too often. Esophagitis and hemorrhage can follow.")
    found = [f for f in findings(text) if f.rule == "HL102"]
    assert found and "lower esophageal sphincter" in found[0].suggestions
    assert not any("oesophag" in s for f in found for s in f.suggestions)


def test_suggestions_left_british_in_a_british_article():
    text = ("Heartburn happens when acid comes up into the oesophagus. The pylorus, the muscular valve where the "
            "oesophagus joins the stomach, relaxes too often. Oesophagitis and haemorrhage can follow.")
    found = [f for f in findings(text) if f.rule == "HL102"]
    assert found and "lower oesophageal sphincter" in found[0].suggestions


@pytest.mark.parametrize("text, written", [
    ("The joint where the thigh bone meets the shin bone, which doctors call the hip joint, can wear out.", "hip joint"),
    ("The joint where the thigh bone meets the shin bone is what doctors call the hip joint.", "hip joint"),
    ("Where the windpipe splits into the two main bronchi sits a ridge that doctors call the epiglottis.", "epiglottis"),
])
def test_a_name_doctors_give_after_its_description(text, written):
    found = [f for f in findings(text) if f.rule == "HL102"]
    assert [quoted(text, f) for f in found] == [written]


def test_a_name_doctors_give_that_fits_its_description():
    assert not findings("The joint where the thigh bone meets the shin bone, the one doctors call the knee joint, can wear out.")


@pytest.mark.parametrize("text", [
    # the gloss's last words describe a structure the writer names right after them
    "Bile drains down the common bile duct, which empties it into the first part of the small bowel (the duodenum).",
    # a part placed by the whole it lies in ("at the back of the nose where the nasal passages meet the throat")
    "The adenoids are a small pad of tissue higher up, at the back of the nose where the nasal passages meet the throat.",
])
def test_first_sight_false_alarms_of_round_50(text):
    assert not findings(text)


def test_first_sight_false_alarm_of_round_51():
    # the sural nerve's own course and skin, which the S1 root's facts also mention
    assert not findings("Tendon surgery can bruise the sural nerve, which runs next to the tendon and supplies feeling "
                        "to the outer edge of the foot.")


def test_a_structure_placed_after_its_kind():
    text = "# Chest wall pain\n\nA strained hamstring muscle between the ribs hurts when you breathe in.\n"
    found = [f for f in findings(text, "markdown") if f.rule == "HL104"]
    assert [quoted(text, f) for f in found] == ["hamstring"]


@pytest.mark.parametrize("text", [
    "# Knee pain\n\nThe hamstring muscles at the back of the thigh can be strained.\n",
    "# Tonsillitis\n\nSwollen glands (lymph nodes) in the neck are common.\n",
])
def test_a_structure_placed_after_its_kind_where_it_lies(text):
    assert not [f for f in findings(text, "markdown") if f.rule == "HL104"]
