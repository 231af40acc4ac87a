"""The analysis layer: facts about a document computed once and read by any rule.

read → **analyse** → check → filter → report. Each module here computes one kind
of fact (sentences and references, glosses, sources and bylines, anatomy
mentions, body regions, topics, locale...) and caches it per document through
``RuleContext.memo``, so no rule recomputes what another rule already found.
Pack kinds that describe those facts are registered beside them.
"""
