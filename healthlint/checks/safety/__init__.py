"""Safety checks: red flags and when to get help, self-care with no safety
net, dangerous advice, emergency numbers for the reader's country and safe
messaging about suicide (NHS care cards "help users decide when and where to
get care"; CDC Clear Communication Index item 14; NICE red-flag guidance;
Samaritans Media Guidelines).

The facts they read (instructions to get help, red-flag mentions and which
are covered) are computed once per document in healthlint.analysis.safety."""

from __future__ import annotations

NHS_CARE_CARDS = "NHS digital service manual: Help users decide when and where to get care (care cards: 'Call 999 or go to A&E now if', 'Ask for an urgent GP appointment or call 111 if', 'See a GP if')"
CDC_CCI_14 = "CDC Clear Communication Index (2019), item 14: the material explains when and how to contact a medical provider"
NICE_RED_FLAGS = "NICE guidance and CKS red flags by topic (NG59 back pain, CG150 headache, NG143 fever in under 5s, NG128 stroke, CG95 chest pain)"
SAMARITANS = "Samaritans Media Guidelines for Reporting Suicide (2020); Recommendations for Reporting on Suicide (AFSP, SAMHSA and others)"
