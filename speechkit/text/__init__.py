"""Text utilities on plain strings: numerals, quantities, sentences, outlines, lexicon, tries."""
