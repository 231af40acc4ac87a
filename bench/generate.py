"""Generate the benchmark corpus: health articles built from templates.

Deterministic (one seeded ``random.Random``, no network, no clock): the same
seed and word target give byte-identical files. Roughly a third each of
Markdown with front matter, HTML pages and scraped-style plain text, 600-1,500
words per article, with the structure, lists, links, numbers, doses and
common errors (confused terms, error-prone dose notation, overstated claims,
advertising, doubled words, misspellings) that make every check do real work.

    python bench/generate.py [OUT_DIR] [--words 1000000] [--seed 1]

``OUT_DIR/manifest.json`` lists every file with its format and word count
(the words of the article's prose: title, headings, paragraphs, list items;
not markup, front matter or page boilerplate).
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GENERATOR_VERSION = 1
DEFAULT_OUT = Path(__file__).resolve().parent / "generated"
FORMATS = ("markdown", "html", "text")
EXTENSION = {"markdown": ".md", "html": ".html", "text": ".txt"}
MIN_WORDS, MAX_WORDS = 600, 1500


@dataclass(frozen=True)
class Topic:
    name: str
    slug: str
    area: str
    symptoms: tuple[str, ...]
    causes: tuple[str, ...]
    tests: tuple[str, ...]
    treatments: tuple[str, ...]
    drugs: tuple[str, ...]
    red_flags: tuple[str, ...]
    self_care: tuple[str, ...]


TOPICS = (
    Topic("upper back pain", "upper-back-pain", "upper back",
          ("stiffness between the shoulder blades", "muscle spasms", "a dull ache", "tenderness when you press the area",
           "pain that gets worse when you sit for long", "numbness or tingling in the arms"),
          ("poor posture at a desk", "lifting something heavy the wrong way", "a strained muscle", "a damaged disc",
           "a minor injury from sport", "long hours looking down at a phone"),
          ("a physical examination", "an X-ray if a fracture is possible", "an MRI scan when nerves may be involved"),
          ("physiotherapy", "gentle stretching", "heat packs", "a short course of painkillers", "manual therapy"),
          ("ibuprofen", "paracetamol", "naproxen"),
          ("a high temperature", "unexplained weight loss", "numbness around the genitals or buttocks",
           "loss of bladder or bowel control", "pain after a fall or a car accident", "pain that is worse at night"),
          ("keep moving as much as you can", "use a supportive chair", "take short breaks from the screen",
           "sleep on a medium-firm mattress")),
    Topic("migraine", "migraine", "head",
          ("a throbbing headache on one side", "feeling sick", "sensitivity to light and sound",
           "flashing lights before the headache starts", "tiredness that lasts a day or two"),
          ("hormonal changes", "missing meals", "poor sleep", "stress", "certain foods and drinks", "bright lights"),
          ("a neurological examination", "a headache diary", "a brain scan if the pattern changes"),
          ("rest in a dark room", "triptan medicines", "anti-sickness medicines", "preventive treatment"),
          ("sumatriptan", "ibuprofen", "paracetamol", "aspirin"),
          ("a sudden severe headache", "weakness on one side of the body", "slurred speech",
           "a headache with a stiff neck and a rash", "confusion or drowsiness"),
          ("drink plenty of water", "keep regular sleep times", "keep a diary of triggers", "eat at regular times")),
    Topic("asthma", "asthma", "chest",
          ("wheezing", "breathlessness", "a tight chest", "coughing at night", "symptoms after exercise"),
          ("allergies to pollen or pets", "cold air", "chest infections", "smoke", "air pollution"),
          ("a breathing test called spirometry", "a peak flow test", "a FeNO test"),
          ("a reliever inhaler", "a preventer inhaler", "a written asthma action plan", "regular reviews"),
          ("salbutamol", "beclometasone", "montelukast", "prednisolone"),
          ("lips or fingers turning blue", "being too breathless to speak", "a reliever inhaler that does not help",
           "drowsiness during an attack", "a peak flow below half of your best"),
          ("check your inhaler technique", "avoid smoky places", "have the flu vaccine every year",
           "keep your reliever with you")),
    Topic("type 2 diabetes", "type-2-diabetes", "pancreas",
          ("feeling very thirsty", "passing urine more often", "feeling tired", "blurred vision",
           "cuts that heal slowly", "weight loss without trying"),
          ("being overweight", "a family history of diabetes", "low physical activity", "getting older",
           "high blood pressure"),
          ("an HbA1c blood test", "a fasting glucose test", "a urine test"),
          ("changes to diet", "more physical activity", "metformin tablets", "insulin for some people",
           "regular foot and eye checks"),
          ("metformin", "gliclazide", "insulin", "sitagliptin"),
          ("very high blood sugar with vomiting", "fast breathing and confusion", "a foot wound that is red and hot",
           "fainting or fits from low blood sugar"),
          ("check your feet every day", "eat more fibre", "walk for 30 minutes most days", "limit sugary drinks")),
    Topic("high blood pressure", "high-blood-pressure", "heart and blood vessels",
          ("usually no symptoms at all", "headaches in some people", "blurred vision when it is very high",
           "nosebleeds in rare cases"),
          ("too much salt", "being overweight", "drinking too much alcohol", "smoking", "lack of exercise", "age"),
          ("a blood pressure check", "home blood pressure monitoring", "blood and urine tests", "an ECG"),
          ("lifestyle changes", "ACE inhibitors", "calcium channel blockers", "diuretics"),
          ("ramipril", "amlodipine", "indapamide", "losartan"),
          ("chest pain", "a sudden severe headache", "weakness in the face or arms", "shortness of breath"),
          ("cut down on salt", "stay active", "drink less alcohol", "stop smoking")),
    Topic("kidney stones", "kidney-stones", "kidneys",
          ("severe pain in the side or back", "pain that spreads to the groin", "blood in the urine",
           "feeling sick", "needing to pass urine often"),
          ("not drinking enough fluids", "a diet high in salt", "some medicines", "a family history of stones"),
          ("a urine test", "a CT scan", "blood tests"),
          ("painkillers", "medicine to relax the ureter", "shock wave lithotripsy", "ureteroscopy"),
          ("diclofenac", "paracetamol", "tamsulosin"),
          ("a high temperature with pain", "shivering", "being unable to pass urine", "pain so bad you cannot move"),
          ("drink enough water so your urine is pale", "cut down on salt", "eat a balanced diet")),
    Topic("eczema", "eczema", "skin",
          ("itchy skin", "dry and cracked patches", "redness on lighter skin", "darker patches on brown skin",
           "skin that weeps or crusts"),
          ("soaps and detergents", "stress", "hot weather", "house dust mites", "a family history of allergies"),
          ("a skin examination", "patch testing", "allergy tests in some cases"),
          ("emollients", "topical corticosteroids", "antihistamines for sleep", "wet wraps"),
          ("hydrocortisone", "clobetasone", "cetirizine"),
          ("skin that is hot and very painful", "painful blisters", "a high temperature with a rash"),
          ("use an emollient every day", "wear cotton clothes", "keep nails short", "avoid perfumed products")),
    Topic("urinary tract infection", "urinary-tract-infection", "bladder",
          ("pain or burning when passing urine", "needing to pass urine often", "cloudy urine",
           "pain in the lower tummy", "feeling tired and unwell"),
          ("bacteria from the bowel", "not emptying the bladder fully", "pregnancy", "a catheter"),
          ("a urine dipstick test", "a urine culture"),
          ("antibiotics", "painkillers", "drinking fluids"),
          ("nitrofurantoin", "trimethoprim", "paracetamol"),
          ("pain in the side or lower back", "a high temperature", "shivering", "confusion in an older person",
           "blood in the urine"),
          ("drink plenty of fluids", "rest", "wipe from front to back", "do not hold your urine in")),
    Topic("knee pain", "knee-pain", "knee",
          ("swelling", "a clicking or locking knee", "pain on the stairs", "stiffness in the morning",
           "a knee that gives way"),
          ("a sprain or strain", "a torn meniscus", "osteoarthritis", "tendinitis", "a kneecap that moves out of place"),
          ("a physical examination", "an X-ray", "an MRI scan", "joint aspiration in some cases"),
          ("rest", "ice packs", "physiotherapy", "painkillers", "knee surgery in a few cases"),
          ("ibuprofen", "paracetamol", "naproxen"),
          ("a knee you cannot put weight on", "a knee that is hot and red", "a high temperature",
           "a knee that looks deformed after an injury"),
          ("lose weight if you need to", "wear supportive shoes", "do strengthening exercises", "avoid kneeling")),
    Topic("insomnia", "insomnia", "brain",
          ("difficulty getting to sleep", "waking in the night", "waking early", "feeling tired during the day",
           "difficulty concentrating"),
          ("stress", "noise", "shift work", "alcohol or caffeine", "anxiety or depression", "some medicines"),
          ("a sleep diary", "questions about your habits", "a sleep study in some cases"),
          ("cognitive behavioural therapy for insomnia", "sleep hygiene", "short-term sleeping tablets"),
          ("zopiclone", "melatonin", "promethazine"),
          ("thoughts of harming yourself", "falling asleep while driving", "stopping breathing during sleep"),
          ("go to bed at the same time", "keep the bedroom dark and quiet", "avoid screens before bed",
           "avoid caffeine after midday")),
    Topic("gout", "gout", "joints",
          ("sudden severe pain in a joint", "a hot and swollen joint", "red skin over the joint",
           "pain in the big toe"),
          ("high levels of uric acid", "drinking beer or spirits", "eating a lot of red meat", "kidney problems",
           "some diuretics"),
          ("a blood test for uric acid", "joint fluid tests", "an ultrasound scan"),
          ("anti-inflammatory painkillers", "colchicine", "steroids", "allopurinol to prevent attacks"),
          ("colchicine", "allopurinol", "naproxen", "prednisolone"),
          ("a high temperature with a hot joint", "feeling very unwell", "a joint that is getting worse fast"),
          ("rest the joint", "keep it cool", "drink plenty of water", "cut down on alcohol")),
    Topic("acid reflux", "acid-reflux", "stomach and oesophagus",
          ("heartburn", "a sour taste in the mouth", "a cough or hiccups that keep coming back", "bloating",
           "feeling sick"),
          ("large or fatty meals", "being overweight", "smoking", "pregnancy", "stress", "a hiatus hernia"),
          ("a trial of treatment", "a gastroscopy", "tests for Helicobacter pylori"),
          ("antacids", "alginates", "proton pump inhibitors", "H2 blockers"),
          ("omeprazole", "lansoprazole", "famotidine"),
          ("difficulty swallowing", "vomiting blood", "black or tarry stools", "weight loss without trying",
           "a lump in the stomach"),
          ("eat smaller meals", "raise the head of the bed", "stop eating 3 hours before bed", "lose weight")),
)

AUTHORS = ("Dr Amelia Hart", "Sam Okafor, RN", "Priya Nair, MPharm", "Jonah Weiss, PT", "Dr Lucia Romero",
           "Health Editorial Team")
SITES = ("https://www.nhs.uk/conditions/", "https://medlineplus.gov/", "https://www.nice.org.uk/guidance/",
         "https://www.cdc.gov/", "https://www.who.int/health-topics/")

INTRO = (
    "{Name} is a common problem that affects people of all ages.",
    "Most people with {name} get better with simple treatment and time.",
    "This guide explains what {name} is, what causes it and how it is treated.",
    "About {pct}% of adults will have {name} at some point in their life, according to [[national figures|{site}]].",
    "{Name} can affect your {area} and make everyday tasks harder.",
    "It is usually not serious, but it can be painful and worrying.",
    "You can often look after {name} yourself, but sometimes you need to see a doctor.",
    "The way {name} affects people varies a lot from one person to the next.",
)
SYMPTOM_SENTENCES = (
    "The main symptom is {symptom}.",
    "Some people also notice {symptom}.",
    "You may have {symptom} and {symptom2}.",
    "Symptoms often start slowly and may come and go over {n} to {m} weeks.",
    "In children, {symptom} can be harder to spot.",
    "Symptoms tend to be worse in the morning or after a long day.",
    "Tell your doctor if {symptom} lasts longer than {n} weeks.",
)
CAUSE_SENTENCES = (
    "{Name} is often caused by {cause}.",
    "Other causes include {cause} and {cause2}.",
    "Sometimes no clear cause is found.",
    "Your risk is higher with {cause}.",
    "{Cause} is one of the most common triggers.",
    "In about {pct} out of 100 people, more than one cause plays a part.",
)
DIAGNOSIS_SENTENCES = (
    "A GP will ask about your symptoms and may arrange {test}.",
    "You may need {test} to rule out other conditions.",
    "Most people do not need {test}.",
    "Results usually come back within {n} days.",
    "Your doctor may refer you to a specialist if the diagnosis is not clear.",
)
TREATMENT_SENTENCES = (
    "Treatment depends on the cause and how bad your symptoms are.",
    "Many people find that {treatment} helps.",
    "Your doctor may suggest {treatment} or {treatment2}.",
    "{Drug} may ease the symptoms for a short time.",
    "The usual adult dose of {drug} is {dose} mg up to {times} times a day.",
    "Do not take more than {maxdose} mg of {drug} in 24 hours.",
    "Ask a pharmacist which painkiller is right for you, especially if you take other medicines.",
    "Read the leaflet that comes with your medicine before you start.",
    "It can take {n} to {m} weeks before you notice a difference.",
    "See the [[guidance on treatment|{site}]] for more detail.",
)
SELF_CARE_SENTENCES = (
    "Try to {care}.",
    "It also helps to {care}.",
    "Small changes, such as trying to {care}, can make a real difference.",
    "Keep doing your normal activities as far as you can.",
    "If self-care does not help within {n} weeks, see a GP.",
)
HELP_SENTENCES = (
    "See a GP if your symptoms do not improve after {n} weeks.",
    "Get urgent medical help if you have {red}.",
    "Call 999 or go to A&E if you have {red}.",
    "Call 911 if you have {red} or {red2}.",
    "These symptoms can be a sign of something more serious that needs treatment straight away.",
    "Contact NHS 111 if you are not sure what to do.",
)
OUTLOOK_SENTENCES = (
    "Most people recover fully within {n} weeks.",
    "{Name} can come back, so it is worth keeping up the changes that helped.",
    "Long-term problems are uncommon when {name} is treated early.",
    "Your outlook depends on the cause and on your general health.",
)
#: Sentences with the kinds of errors an editor flags.
FLAWED_SENTENCES = (
    "The the pain usually settles within a few days.",
    "Take .5 mg of {drug} at night if the pain keeps you awake.",
    "A dose of {dose}.0 mg is enough for most adults.",
    "Take the tablets qd with food.",
    "Inject 10 U of insulin before each meal.",
    "Studies show that {treatment} cures {name} in 100% of cases.",
    "Doctors agree that {treatment} is the best option for everyone.",
    "This miracle treatment has no side effects and works permanently.",
    "Our revolutionary, cutting-edge clinic guarantees results.",
    "Order now from our online pharmacy and book with our team today.",
    "If the medicine does not work, double the dose.",
    "It is always just a pulled muscle, so there is no need to see a doctor.",
    "The valgus nerve carries signals from the brain to the gut.",
    "Swollen auxiliary lymph nodes can be felt in the armpit.",
    "The ureter, the tube that carries urine out of the body, can become inflamed.",
    "Bradycardia (a fast heart rate) can make you feel dizzy.",
    "Pain relievers such ibuprofen can reduce swelling.",
    "Regular excercise is important, and you should keep a seperate list of your perscription medicines.",
    "Visit our website to buy {drug} online at a discount.",
    "You can take {drug} 1000mcg every 4 hours without any risk.",
)
HEADINGS = {
    "symptoms": ("Symptoms", "Symptoms of {name}", "Signs and symptoms"),
    "causes": ("Causes", "Causes of {name}", "What causes {name}"),
    "diagnosis": ("Diagnosis", "Tests and diagnosis", "How {name} is diagnosed"),
    "treatment": ("Treatment", "Treatments for {name}", "How {name} is treated"),
    "self_care": ("Things you can do yourself", "Self-care", "Living with {name}"),
    "help": ("When to get help", "When to see a doctor", "Urgent advice"),
    "outlook": ("Outlook", "Recovery", "What to expect"),
}
SECTION_SENTENCES: dict[str, tuple[str, ...]] = {
    "symptoms": SYMPTOM_SENTENCES,
    "causes": CAUSE_SENTENCES,
    "diagnosis": DIAGNOSIS_SENTENCES,
    "treatment": TREATMENT_SENTENCES,
    "self_care": SELF_CARE_SENTENCES,
    "help": HELP_SENTENCES,
    "outlook": OUTLOOK_SENTENCES,
}
#: For each section, the topic field its bullet list draws from.
SECTION_LIST = {"symptoms": "symptoms", "causes": "causes", "self_care": "self_care", "help": "red_flags",
                "treatment": "treatments"}
#: Adult oral doses (mg): low, high, daily maximum; other drugs get (5, 10, 40).
DOSES = {"ibuprofen": (200, 400, 1200), "paracetamol": (500, 1000, 4000), "naproxen": (250, 500, 1000),
         "aspirin": (300, 600, 2400), "diclofenac": (25, 50, 150), "metformin": (500, 1000, 2000),
         "sumatriptan": (50, 100, 300), "omeprazole": (20, 40, 40), "allopurinol": (100, 300, 900)}
LINK_RE = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")
SLOT_RE = re.compile(r"\{(\w+)\}")

#: ("h", [heading]), ("p", sentences) or ("ul", items).
Block = tuple[str, list[str]]


def _slots(rng: random.Random, topic: Topic) -> Callable[[str], str]:
    """A slot filler for one sentence: one drug (so doses match it), a fresh
    random choice for every other slot."""
    drug = rng.choice(topic.drugs)
    low, high, cap = DOSES.get(drug, (5, 10, 40))

    def pick(name: str) -> str:
        key = name.lower().rstrip("2")
        values: dict[str, Callable[[], object]] = {
            "name": lambda: topic.name, "area": lambda: topic.area,
            "symptom": lambda: rng.choice(topic.symptoms), "cause": lambda: rng.choice(topic.causes),
            "test": lambda: rng.choice(topic.tests), "treatment": lambda: rng.choice(topic.treatments),
            "drug": lambda: drug, "dose": lambda: rng.choice((low, high)), "maxdose": lambda: cap,
            "red": lambda: rng.choice(topic.red_flags), "care": lambda: rng.choice(topic.self_care),
            "site": lambda: rng.choice(SITES) + topic.slug + "/",
            "pct": lambda: rng.randint(5, 60), "n": lambda: rng.randint(2, 6), "m": lambda: rng.randint(7, 12),
            "times": lambda: rng.randint(2, 4),
        }
        value = str(values[key]())
        return value[:1].upper() + value[1:] if name[:1].isupper() else value

    return pick


def _paragraph(rng: random.Random, templates: tuple[str, ...], topic: Topic, low: int, high: int) -> list[str]:
    """Sentences from distinct templates; about 1 in 15 is swapped for a flawed one."""
    chosen = rng.sample(templates, min(rng.randint(low, high), len(templates)))
    sentences = []
    for template in chosen:
        if rng.random() < 1 / 15:
            template = rng.choice(FLAWED_SENTENCES)
        fill = _slots(rng, topic)
        sentences.append(SLOT_RE.sub(lambda m: fill(m.group(1)), template))
    return sentences


def _words(text: str) -> int:
    return len(LINK_RE.sub(r"\1", text).split())


def build_article(rng: random.Random, topic: Topic, target: int) -> tuple[str, list[Block]]:
    """Title and blocks of one article of about ``target`` words."""
    title = rng.choice(("{Name}", "{Name}: symptoms, causes and treatment", "Living with {name}",
                        "{Name} explained")).format(Name=topic.name[:1].upper() + topic.name[1:], name=topic.name)
    blocks: list[Block] = [("p", _paragraph(rng, INTRO, topic, 3, 6))]
    count = _words(title) + sum(_words(s) for s in blocks[0][1])
    sections = list(HEADINGS)
    while count < target:
        for key in sections:
            heading = rng.choice(HEADINGS[key]).format(name=topic.name)
            blocks.append(("h", [heading[:1].upper() + heading[1:]]))
            count += _words(heading)
            for _ in range(rng.randint(1, 3)):
                paragraph = _paragraph(rng, SECTION_SENTENCES[key], topic, 2, 6)
                blocks.append(("p", paragraph))
                count += sum(_words(s) for s in paragraph)
            if key in SECTION_LIST and rng.random() < 0.7:
                pool = list(getattr(topic, SECTION_LIST[key]))
                items = rng.sample(pool, rng.randint(2, len(pool)))
                blocks.append(("ul", [i[:1].upper() + i[1:] for i in items]))
                count += sum(_words(i) for i in items)
            if count >= target:
                break
        sections = rng.sample(sections, len(sections))
    return title, blocks


def count_words(title: str, blocks: list[Block]) -> int:
    total = _words(title)
    for _, body in blocks:
        total += sum(_words(s) for s in body)
    return total


def _links(text: str, fmt: str) -> str:
    if fmt == "markdown":
        return LINK_RE.sub(r"[\1](\2)", text)
    if fmt == "html":
        parts = LINK_RE.split(text)  # text, label, url, text, ...
        out = [html.escape(parts[0], quote=False)]
        for i in range(1, len(parts), 3):
            out.append(f'<a href="{html.escape(parts[i + 1])}">{html.escape(parts[i], quote=False)}</a>')
            out.append(html.escape(parts[i + 2], quote=False))
        return "".join(out)
    return LINK_RE.sub(r"\1", text)


def render_markdown(rng: random.Random, title: str, blocks: list[Block], meta: dict[str, str]) -> str:
    front = "".join(f'{k}: "{v}"\n' for k, v in meta.items())
    out = [f"---\ntitle: \"{title}\"\n{front}---\n\n# {title}\n"]
    for kind, body in blocks:
        if kind == "h":
            out.append(f"## {body[0]}\n")
        elif kind == "p":
            out.append(" ".join(_links(s, "markdown") for s in body) + "\n")
        else:
            bullet = rng.choice(("-", "*"))
            out.append("".join(f"{bullet} {_links(i, 'markdown')}\n" for i in body))
    return "\n".join(out)


def render_html(rng: random.Random, title: str, blocks: list[Block], meta: dict[str, str]) -> str:
    heads = "".join(f'  <meta name="{k}" content="{html.escape(v)}">\n' for k, v in meta.items())
    out = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n"
        f"  <title>{html.escape(title)}</title>\n{heads}"
        "  <style>body { font-family: sans-serif; }</style>\n</head>\n<body>\n"
        "<nav><a href=\"/\">Home</a> | <a href=\"/conditions/\">Conditions A to Z</a> | <a href=\"/news/\">News</a></nav>\n"
        f"<article>\n<h1>{html.escape(title)}</h1>\n"
    ]
    for kind, body in blocks:
        if kind == "h":
            out.append(f"<h2>{html.escape(body[0])}</h2>\n")
        elif kind == "p":
            out.append("<p>" + " ".join(_links(s, "html") for s in body) + "</p>\n")
        else:
            out.append("<ul>\n" + "".join(f"  <li>{_links(i, 'html')}</li>\n" for i in body) + "</ul>\n")
    out.append("</article>\n<footer><p>More in Health</p><p>Share this page</p></footer>\n"
               "<script>window.dataLayer = [];</script>\n</body>\n</html>\n")
    return "".join(out)


def render_text(rng: random.Random, title: str, blocks: list[Block], meta: dict[str, str]) -> str:
    """Scraped-page style, like the seed article: inferred headings, • bullets, odd spaces."""
    out = [f"{title}\n"]
    for kind, body in blocks:
        if kind == "h":
            out.append(f"{body[0]}\n")
        elif kind == "p":
            space = "\u00a0" if rng.random() < 0.1 else " "
            out.append(space.join(_links(s, "text") for s in body) + " \n")
        else:
            out.append("".join(f"  • {i}\n" for i in body))
    return "\n".join(out)


RENDERERS = {"markdown": render_markdown, "html": render_html, "text": render_text}


def _meta(rng: random.Random) -> dict[str, str]:
    """Transparency metadata; some articles lack some of it, as real drafts do."""
    meta: dict[str, str] = {}
    if rng.random() < 0.8:
        meta["author"] = rng.choice(AUTHORS)
    if rng.random() < 0.75:
        meta["date"] = f"20{rng.randint(18, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if rng.random() < 0.5:
        meta["reviewed"] = f"20{rng.randint(22, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return meta


def generate(out: Path, words: int = 1_000_000, seed: int = 1) -> dict:
    """Write articles totalling at least ``words`` words into ``out``; return the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    _remove_previous(out)
    rng = random.Random(seed)
    files: list[dict] = []
    total = 0
    while total < words:
        index = len(files)
        topic = rng.choice(TOPICS)
        fmt = FORMATS[index % len(FORMATS)]
        title, blocks = build_article(rng, topic, rng.randint(MIN_WORDS, MAX_WORDS - 100))
        if fmt == "markdown" and rng.random() < 0.5:  # also some Markdown with no ``references`` key
            blocks.append(("h", ["References"]))
            blocks.append(("ul", [f"[[{s.split('/')[2]}: {topic.name}|{s}{topic.slug}/]]" for s in rng.sample(SITES, 2)]))
        text = RENDERERS[fmt](rng, title, blocks, _meta(rng))
        name = f"{index:05d}-{topic.slug}{EXTENSION[fmt]}"
        (out / name).write_bytes(text.encode("utf-8"))
        n = count_words(title, blocks)
        files.append({"path": name, "format": fmt, "words": n})
        total += n
    manifest = {"generator": GENERATOR_VERSION, "seed": seed, "target_words": words, "words": total, "files": files}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def _remove_previous(out: Path) -> None:
    """Delete the files of an earlier run (listed in its manifest), nothing else."""
    manifest = out / "manifest.json"
    if manifest.exists():
        for entry in json.loads(manifest.read_text(encoding="utf-8"))["files"]:
            (out / entry["path"]).unlink(missing_ok=True)
        manifest.unlink()
    elif any(p.suffix in EXTENSION.values() for p in out.iterdir()):
        sys.exit(f"{out}: holds articles but no manifest.json; choose an empty or generated folder")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    parser.add_argument("--words", type=int, default=1_000_000, help="total words to generate (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.words, args.seed)
    print(f"wrote {len(manifest['files'])} articles, {manifest['words']:,} words, to {args.out}")


if __name__ == "__main__":
    main()
