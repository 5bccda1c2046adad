"""Text utilities on plain strings: numerals, quantities, sentences, outlines, the lexicon, tries."""
