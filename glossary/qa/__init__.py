"""Terminology QA of translations: the parts :mod:`glossary.check` puts together.

- :mod:`~glossary.qa.english`: English words as a rendering is matched (case, plurals,
  possessives, hyphens, British and American spelling, acronyms);
- :mod:`~glossary.qa.phrases`: every rendering of a glossary, found in a draft's words;
- :mod:`~glossary.qa.prose`: what of a Markdown or plain-text draft is prose, and what
  its ignore comments leave out;
- :mod:`~glossary.qa.termbase`: a glossary as check reads it, from the index;
- :mod:`~glossary.qa.bilingual`: XLIFF, TMX, TSV and CSV files read as units;
- :mod:`~glossary.qa.exceptions`: a team's list of findings to leave out;
- :mod:`~glossary.qa.fixes`: fixes applied, and shown as a diff;
- :mod:`~glossary.qa.sarif`: findings as a SARIF 2.1.0 log.
"""
