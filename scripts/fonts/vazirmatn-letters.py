#!/usr/bin/env python3
"""
Vazirmatn Letters: Vazirmatn (npm `vazirmatn`) with its Arabic-script letter ligatures (لا, لأ,
لآ, لإ, the lam-alef of Kurdish ڵ, and الله) drawn as one glyph per letter, for the PDFs Chromium
prints (answer letters, the monthly report). See docs/decisions/0014-letters-a-bank-can-read.md.

Why: Chromium writes a ligature as one glyph standing for two letters. PDF text extractors read a
right-to-left line in visual order and reverse it, but keep a glyph's letters in logical order,
so لا comes out as ال (poppler's pdftotext, PyMuPDF, pdfminer, pypdf; see pymupdf/PyMuPDF#2199,
pdfminer/pdfminer.six#850, py-pdf/pypdf#1589): «استعلام» is copied as «استعالم». When every glyph
stands for one letter there is nothing to keep in order, and every extractor reads the word right.

How: each such ligature L of letters c0..c(n-1) (logical order) becomes n glyphs L.c0..L.c(n-1),
one per letter, chosen by contextual substitution (the font's ligature lookup is replaced in place
by a chained-context lookup that swaps each letter for its part when the whole sequence is there).
Right to left, the part of the last letter stands leftmost: it draws the ligature's whole outline
(which reaches over the parts to its right); the others draw nothing. The parts share the
ligature's advance, so the line is laid out as before. Positioning that named the ligature names
its parts: as the following glyph (backtrack, pair's first) the last part, as the preceding one
(input, lookahead, pair's second, single adjustments of the advance) the first part. The page looks
as it did (the test compares rendered pixels); what changes is only the text layer.

A vowel sign on a ligature's letter is placed on that letter's part, at the anchor the ligature
had for it (mark-to-ligature becomes mark-to-base).

Run (needs Debian's python3-fonttools and python3-brotli, or `pip install fonttools brotli`):
    python3 scripts/fonts/vazirmatn-letters.py
It reads node_modules/vazirmatn/fonts/ttf and writes server/platform/fonts/*.woff2. The output is
committed, so neither the server nor CI needs Python.
"""
import copy
import io
import os
import sys

from fontTools.misc.xmlWriter import XMLWriter
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables as ot
from fontTools.ttLib.tables._g_l_y_f import Glyph

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), '..', '..'))
SOURCE = os.path.join(ROOT, 'node_modules', 'vazirmatn', 'fonts', 'ttf')
TARGET = os.path.join(ROOT, 'server', 'platform', 'fonts')
STYLES = ['Regular', 'Bold']
FAMILY = 'Vazirmatn Letters'

BASE = 1  # GDEF glyph class of a base glyph (a letter)


def arabic_lookups(table):
    """Indices of the lookups the Arabic script's features use."""
    out = set()
    for sr in table.ScriptList.ScriptRecord:
        if sr.ScriptTag != 'arab':
            continue
        systems = [sr.Script.DefaultLangSys] + [lr.LangSys for lr in sr.Script.LangSysRecord]
        for ls in systems:
            if ls is None:
                continue
            for fi in ls.FeatureIndex:
                out.update(table.FeatureList.FeatureRecord[fi].Feature.LookupListIndex)
    return out


def subtables(lookup):
    """(lookup type, subtable) with extension wrappers taken off."""
    for st in lookup.SubTable:
        if lookup.LookupType in (7, 9) and hasattr(st, 'ExtSubTable'):
            yield st.ExtSubTable.LookupType, st.ExtSubTable
        else:
            yield lookup.LookupType, st


def coverage(glyphs):
    c = ot.Coverage()
    c.glyphs = list(glyphs)
    return c


def single_subst_lookup(mapping, flag):
    st = ot.SingleSubst()
    st.mapping = dict(mapping)
    lk = ot.Lookup()
    lk.LookupType = 1
    lk.LookupFlag = flag
    lk.SubTable = [st]
    lk.SubTableCount = 1
    return lk


def chain_rule(backtrack, inp, lookahead, lookup_index):
    """ChainContextSubst format 3: backtrack closest first, one input glyph set, lookahead in order."""
    st = ot.ChainContextSubst()
    st.Format = 3
    st.BacktrackCoverage = [coverage([g]) for g in backtrack]
    st.BacktrackGlyphCount = len(backtrack)
    st.InputCoverage = [coverage([inp])]
    st.InputGlyphCount = 1
    st.LookAheadCoverage = [coverage([g]) for g in lookahead]
    st.LookAheadGlyphCount = len(lookahead)
    rec = ot.SubstLookupRecord()
    rec.SequenceIndex = 0
    rec.LookupListIndex = lookup_index
    st.SubstLookupRecord = [rec]
    st.SubstCount = 1
    return st


def split_font(path_in, path_out, style):
    font = TTFont(path_in)
    gsub = font['GSUB'].table
    gpos = font['GPOS'].table
    gdef = font['GDEF'].table
    glyf = font['glyf']
    hmtx = font['hmtx']
    classes = gdef.GlyphClassDef.classDefs

    # 1. Which ligatures: in the Arabic lookups, of two or more letters (not a letter and a mark).
    split = {}  # ligature glyph -> [components in logical order]
    owner = {}  # lookup index -> [(subtable, first, Ligature)]
    for li in sorted(arabic_lookups(gsub)):
        for typ, st in subtables(gsub.LookupList.Lookup[li]):
            if typ != 4:
                continue
            for first, ligs in st.ligatures.items():
                for lig in ligs:
                    comps = [first] + list(lig.Component)
                    if all(classes.get(g) == BASE for g in comps):
                        if split.setdefault(lig.LigGlyph, comps) != comps:
                            raise SystemExit(f'{lig.LigGlyph} is made from two sequences; one set of parts cannot stand for both')
                        owner.setdefault(li, []).append((st, first, lig))

    # 2. The parts: the last letter's part draws the ligature, the others nothing; advances shared.
    order = font.getGlyphOrder()
    parts = {}
    for lig, comps in sorted(split.items(), key=lambda item: font.getGlyphID(item[0])):
        n = len(comps)
        width, lsb = hmtx[lig]
        share = width // n
        names = [f'{lig}.c{i}' for i in range(n)]
        for i, name in enumerate(names):
            assert name not in glyf.glyphs
            last = i == n - 1
            glyf.glyphs[name] = copy.deepcopy(glyf[lig]) if last else Glyph()
            hmtx[name] = (width - share * (n - 1) if last else share, lsb if last else 0)
            classes[name] = BASE
            order.append(name)
        parts[lig] = names
    font.setGlyphOrder(order)
    glyf.glyphOrder = order

    # 3. GSUB: each ligature lookup becomes a chained-context lookup choosing the parts.
    lookups = gsub.LookupList.Lookup
    for li, entries in owner.items():
        old = lookups[li]
        rules = []
        for st, first, lig in entries:
            comps, names = split[lig.LigGlyph], parts[lig.LigGlyph]
            if len(set(comps)) != len(comps):
                raise SystemExit(f'{lig.LigGlyph}: a letter repeats in it; one single substitution cannot choose the parts')
            lookups.append(single_subst_lookup(zip(comps, names), old.LookupFlag))
            sub = len(lookups) - 1
            for i, c in enumerate(comps):
                rules.append(chain_rule(list(reversed(names[:i])), c, comps[i + 1:], sub))
            st.ligatures[first].remove(lig)
        leftover = [st for typ, st in subtables(old) if typ == 4 and any(st.ligatures.values())]
        if leftover:
            # The lookup also holds other ligatures (a letter with a mark): keep them after it.
            rest = ot.Lookup()
            rest.LookupType, rest.LookupFlag = 4, old.LookupFlag
            for st in leftover:
                st.ligatures = {k: v for k, v in st.ligatures.items() if v}
            rest.SubTable, rest.SubTableCount = leftover, len(leftover)
            lookups.append(rest)
            for fr in gsub.FeatureList.FeatureRecord:
                idx = fr.Feature.LookupListIndex
                if li in idx:
                    idx.insert(idx.index(li) + 1, len(lookups) - 1)
                    fr.Feature.LookupCount = len(idx)
        old.LookupType, old.SubTable, old.SubTableCount = 6, rules, len(rules)
    gsub.LookupList.LookupCount = len(lookups)

    first_part = {lig: names[0] for lig, names in parts.items()}
    last_part = {lig: names[-1] for lig, names in parts.items()}

    def add(cov, mapping):
        """Put each ligature's part beside it in a coverage."""
        extra = [mapping[g] for g in cov.glyphs if g in mapping]
        cov.glyphs = cov.glyphs + extra
        return bool(extra)

    # 4. Contexts that named a ligature (GSUB calt, GPOS spacing after a non-joining letter).
    for table in (gsub, gpos):
        for lookup in table.LookupList.Lookup:
            for typ, st in subtables(lookup):
                if (table is gsub and typ == 6) or (table is gpos and typ == 8):
                    if st.Format != 3:
                        if names_any(font, st, split):
                            raise SystemExit(f'a format {st.Format} context names a ligature; not handled')
                        continue
                    for cov in st.BacktrackCoverage:
                        add(cov, last_part)
                    for cov in st.InputCoverage + st.LookAheadCoverage:
                        add(cov, first_part)

    # 5. GPOS: single adjustments of the advance and pairs.
    for lookup in gpos.LookupList.Lookup:
        for typ, st in subtables(lookup):
            if typ == 1:
                if any(g in split for g in st.Coverage.glyphs):
                    if st.Format == 1:
                        if st.ValueFormat & ~4:
                            raise SystemExit('a single adjustment of a ligature moves more than its advance')
                        add(st.Coverage, first_part)
                    else:
                        values = dict(zip(st.Coverage.glyphs, st.Value))
                        for lig in [g for g in st.Coverage.glyphs if g in split]:
                            st.Coverage.glyphs.append(first_part[lig])
                            st.Value.append(values[lig])
                        st.ValueCount = len(st.Value)
            elif typ == 2:
                if st.Format == 1:
                    sets = dict(zip(st.Coverage.glyphs, st.PairSet))
                    for lig in [g for g in st.Coverage.glyphs if g in split]:
                        st.Coverage.glyphs.append(last_part[lig])
                        st.PairSet.append(copy.deepcopy(sets[lig]))
                    st.PairSetCount = len(st.PairSet)
                    for ps in st.PairSet:
                        for rec in list(ps.PairValueRecord):
                            if rec.SecondGlyph in split:
                                twin = copy.deepcopy(rec)
                                twin.SecondGlyph = first_part[rec.SecondGlyph]
                                ps.PairValueRecord.append(twin)
                        ps.PairValueCount = len(ps.PairValueRecord)
                else:
                    for lig in [g for g in st.Coverage.glyphs if g in split]:
                        st.Coverage.glyphs.append(last_part[lig])
                        st.ClassDef1.classDefs[last_part[lig]] = st.ClassDef1.classDefs.get(lig, 0)
                    for lig, cls in list(st.ClassDef2.classDefs.items()):
                        if lig in split:
                            st.ClassDef2.classDefs[first_part[lig]] = cls

    # 6. Marks: a mark on a ligature's letter sits on that letter's part (the anchors move with
    # where the part stands); a mark on a ligature used as a base goes on the part that draws it.
    offset = {}
    for lig, names in parts.items():
        n, width, share = len(names), hmtx[lig][0], hmtx[names[0]][0]
        for i, name in enumerate(names):
            offset[name] = 0 if i == n - 1 else (width - share * (n - 1)) + share * (n - 2 - i)
    lookups = gpos.LookupList.Lookup
    for li in range(len(lookups)):
        lookup = lookups[li]
        bases = []
        for typ, st in subtables(lookup):
            if typ == 4:
                records = dict(zip(st.BaseCoverage.glyphs, st.BaseArray.BaseRecord))
                for lig in [g for g in st.BaseCoverage.glyphs if g in split]:
                    st.BaseCoverage.glyphs.append(last_part[lig])
                    st.BaseArray.BaseRecord.append(copy.deepcopy(records[lig]))
                st.BaseArray.BaseCount = len(st.BaseArray.BaseRecord)
            elif typ == 5:
                base = ot.MarkBasePos()
                base.Format = 1
                base.MarkCoverage = copy.deepcopy(st.MarkCoverage)
                base.MarkArray = copy.deepcopy(st.MarkArray)
                base.ClassCount = st.ClassCount
                base.BaseCoverage = coverage([])
                base.BaseArray = ot.BaseArray()
                base.BaseArray.BaseRecord = []
                attach = dict(zip(st.LigatureCoverage.glyphs, st.LigatureArray.LigatureAttach))
                for lig in sorted((g for g in attach if g in split), key=font.getGlyphID):
                    for i, name in enumerate(parts[lig]):
                        rec = ot.BaseRecord()
                        rec.BaseAnchor = []
                        for a in attach[lig].ComponentRecord[i].LigatureAnchor:
                            a = copy.deepcopy(a)
                            if a is not None:
                                a.XCoordinate -= offset[name]
                            rec.BaseAnchor.append(a)
                        base.BaseCoverage.glyphs.append(name)
                        base.BaseArray.BaseRecord.append(rec)
                order_ids = [font.getGlyphID(g) for g in base.BaseCoverage.glyphs]
                pairs = sorted(zip(order_ids, base.BaseCoverage.glyphs, base.BaseArray.BaseRecord), key=lambda t: t[0])
                base.BaseCoverage.glyphs = [g for _, g, _ in pairs]
                base.BaseArray.BaseRecord = [r for _, _, r in pairs]
                base.BaseArray.BaseCount = len(pairs)
                if pairs:
                    bases.append(base)
        if bases:
            added = ot.Lookup()
            added.LookupType, added.LookupFlag = 4, lookup.LookupFlag
            added.SubTable, added.SubTableCount = bases, len(bases)
            lookups.append(added)
            for fr in gpos.FeatureList.FeatureRecord:
                idx = fr.Feature.LookupListIndex
                if li in idx:
                    idx.insert(idx.index(li) + 1, len(lookups) - 1)
                    fr.Feature.LookupCount = len(idx)
    gpos.LookupList.LookupCount = len(lookups)

    # Coverages list glyphs in glyph-id order (a shaper searches them by halves). The parts were
    # made in the order of their ligatures and after every other glyph, and are added after the
    # glyphs already there, so the order holds; checked here rather than trusted.
    gid = {g: i for i, g in enumerate(order)}
    for table in (gsub, gpos):
        for lookup in table.LookupList.Lookup:
            for _typ, st in subtables(lookup):
                for cov in coverages(st):
                    ids = [gid[g] for g in cov.glyphs]
                    assert ids == sorted(ids) and len(set(ids)) == len(ids), 'a coverage is out of order'

    # 7. A modified font gets its own name (OFL 1.1), and its reading of the old one.
    name = font['name']
    for rec in list(name.names):
        if rec.nameID in (1, 3, 4, 6, 16, 17):
            name.removeNames(nameID=rec.nameID)
    name.setName(FAMILY, 1, 3, 1, 0x409)
    name.setName(style, 2, 3, 1, 0x409)
    name.setName(f'{FAMILY} {style}', 4, 3, 1, 0x409)
    name.setName(f'{FAMILY.replace(" ", "")}-{style}', 6, 3, 1, 0x409)
    name.setName(f'{FAMILY.replace(" ", "")}-{style}; derived from Vazirmatn {font["head"].fontRevision:.3f}', 3, 3, 1, 0x409)
    font['OS/2'].usWeightClass = 700 if style == 'Bold' else 400

    font.flavor = 'woff2'
    font.save(path_out)
    return sorted(split)


def names_any(font, st, glyphs):
    """Whether a subtable names any of the glyphs anywhere (read from its XML form)."""
    buf = io.StringIO()
    st.toXML(XMLWriter(buf), font)
    text = buf.getvalue()
    return any(f'"{g}"' in text for g in glyphs)


def coverages(st):
    for attr in ('Coverage', 'InputCoverage', 'BacktrackCoverage', 'LookAheadCoverage'):
        v = getattr(st, attr, None)
        if isinstance(v, list):
            yield from v
        elif v is not None:
            yield v


if __name__ == '__main__':
    os.makedirs(TARGET, exist_ok=True)
    for style in STYLES:
        out = os.path.join(TARGET, f'VazirmatnLetters-{style}.woff2')
        done = split_font(os.path.join(SOURCE, f'Vazirmatn-{style}.ttf'), out, style)
        print(f'{out}: {len(done)} ligatures drawn letter by letter: {" ".join(done)}', file=sys.stderr)
