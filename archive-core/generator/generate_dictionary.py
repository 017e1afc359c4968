#!/usr/bin/env python3
"""Generates the PACS-lite data dictionary and UID registry from the DICOM standard's data.

Run from the repository root:

    python3 archive-core/generator/generate_dictionary.py \\
        --shared /work/shared/dicom-standard --pydicom /usr/lib/python3/dist-packages/pydicom

Inputs (read only here, never by the build or the tests):
  attributes.json      PS3.6 Tables 6-1, 7-1 and 8-1 (data elements)
  sops.json            PS3.4 Annex B.5 (Storage SOP Classes)
  pydicom data files   PS3.7 Table E.1-1 (command elements, group 0000) from _dicom_dict.py,
                       PS3.6 Table A-1 (UIDs) from _uid_dict.py

Outputs (written deterministically, relative to archive-core/):
  src/main/resources/io/pacslite/dicom/dict/elements.tsv and uids.tsv
  src/generated/java/io/pacslite/dicom/dict/Tag.java and UID.java
"""
import argparse
import ast
import json
import re
import sys
from collections import namedtuple
from pathlib import Path

MODULE = Path(__file__).resolve().parent.parent
RESOURCES = MODULE / 'src/main/resources/io/pacslite/dicom/dict'
SOURCES = MODULE / 'src/generated/java/io/pacslite/dicom/dict'

VRS = set('AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split())
# Must agree with UidRegistry: a Storage SOP Class is named "... Storage", optionally followed
# by a qualifier such as " - For Presentation" or " - Trial".
STORAGE_NAME = re.compile(r'.* Storage( - .+)?')
JAVA_NAME = re.compile(r'[A-Za-z][A-Za-z0-9_]*')

Element = namedtuple('Element', 'pattern vrs vm retired keyword name')
Uid = namedtuple('Uid', 'uid type keyword retired name')


def python_literal(path, variable):
    """The value of the top-level assignment to `variable` in a Python file, without importing it."""
    for node in ast.parse(path.read_text(encoding='utf-8')).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, 'target', None)
        if getattr(target, 'id', None) == variable:
            return ast.literal_eval(node.value)
    sys.exit(f'{path}: no assignment to {variable}')


def parse_vrs(text):
    """'US or SS' -> ['US', 'SS']; 'See Note 2' (items and delimiters) -> []."""
    if text.startswith('See Note'):
        return []
    vrs = text.split(' or ')
    if not set(vrs) <= VRS:
        sys.exit(f'unknown VR: {text!r}')
    return vrs


def read_elements(shared, pydicom):
    elements = []
    for entry in json.loads((shared / 'attributes.json').read_text(encoding='utf-8')):
        if not entry['keyword']:
            continue  # a few retired entries of PS3.6 have neither keyword nor name
        pattern = entry['tag'].strip('()').replace(',', '').upper().replace('X', 'x')
        elements.append(Element(pattern, parse_vrs(entry['valueRepresentation']), entry['valueMultiplicity'],
                                entry['retired'] == 'Y', entry['keyword'], entry['name']))
    for tag, (vr, vm, name, retired, keyword) in python_literal(pydicom / '_dicom_dict.py', 'DicomDictionary').items():
        if tag >> 16 == 0:
            elements.append(Element(f'{tag:08X}', parse_vrs(vr), vm, retired == 'Retired', keyword, name))
    check_unique([e.pattern for e in elements], 'tag')
    check_unique([e.keyword for e in elements], 'keyword')
    for e in elements:
        if not re.fullmatch(r'[0-9A-Fx]{8}', e.pattern) or not JAVA_NAME.fullmatch(e.keyword):
            sys.exit(f'malformed element: {e}')
    return sorted(elements, key=lambda e: (base_tag(e.pattern), e.pattern))


def keyword_from_name(name):
    """PS3.6 keyword style: words capitalised and joined, other characters dropped ('32-bit' -> '32bit')."""
    words = (re.sub(r'[^A-Za-z0-9]', '', word) for word in name.split())
    return ''.join(word[:1].upper() + word[1:] for word in words)


def read_uids(shared, pydicom):
    uids = {}
    for uid, (name, uid_type, _info, retired, keyword) in python_literal(pydicom / '_uid_dict.py', 'UID_dictionary').items():
        if name:  # pydicom keeps two retired UIDs whose name PS3.6 no longer gives
            uids[uid] = Uid(uid, uid_type, keyword, retired == 'Retired', name)
    for sop in json.loads((shared / 'sops.json').read_text(encoding='utf-8')):
        if sop['id'] not in uids:
            uids[sop['id']] = Uid(sop['id'], 'SOP Class', keyword_from_name(sop['name']), False, sop['name'])
        if not STORAGE_NAME.fullmatch(uids[sop['id']].name):
            sys.exit(f'storage SOP class not named "... Storage": {uids[sop["id"]]}')
    return sorted(uids.values(), key=lambda u: [int(part) for part in u.uid.split('.')])


def check_unique(values, what):
    seen = set()
    for value in values:
        if value in seen:
            sys.exit(f'duplicate {what}: {value}')
        seen.add(value)


def java_names(uids):
    """Java constant name per UID: its keyword; on a clash the later UID (in UID order) gets its UID as suffix."""
    names, taken = {}, set()
    for u in uids:
        if not u.keyword:
            continue
        name = u.keyword if u.keyword not in taken else u.keyword + '_' + u.uid.replace('.', '_')
        if name != u.keyword:
            print(f'note: UID {u.uid} shares keyword {u.keyword}; Java name {name}', file=sys.stderr)
        if not JAVA_NAME.fullmatch(u.keyword):
            sys.exit(f'keyword is not a Java name: {u}')
        names[u.uid] = name
        taken.add(name)
    return names


def base_tag(pattern):
    return int(pattern.replace('x', '0'), 16)


def tag_text(pattern):
    return f'({pattern[:4]},{pattern[4:]})'


def tsv_line(*fields):
    for field in fields:
        if '\t' in field or '\n' in field:
            sys.exit(f'field holds a tab or newline: {field!r}')
    return '\t'.join(fields) + '\n'


def javadoc_text(text):
    return text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def elements_tsv(elements, version):
    lines = [f'# Generated by archive-core/generator/generate_dictionary.py from PS3.6 Tables 6-1, 7-1, 8-1 '
             f'(innolitics dicom-standard attributes.json) and PS3.7 Table E.1-1 (pydicom {version}). Do not edit.\n',
             '# tag (x: any hex digit)\tVRs\tVM\tretired (R or -)\tkeyword\tname\n']
    lines += [tsv_line(e.pattern, '|'.join(e.vrs), e.vm, 'R' if e.retired else '-', e.keyword, e.name)
              for e in elements]
    return ''.join(lines)


def uids_tsv(uids, version):
    lines = [f'# Generated by archive-core/generator/generate_dictionary.py from PS3.6 Table A-1 (pydicom {version}) '
             'and PS3.4 Annex B.5 (innolitics dicom-standard sops.json). Do not edit.\n',
             '# UID\ttype\tkeyword\tretired (R or -)\tname\n']
    lines += [tsv_line(u.uid, u.type, u.keyword, 'R' if u.retired else '-', u.name) for u in uids]
    return ''.join(lines)


def java_class(name, summary, constants):
    return (f'package io.pacslite.dicom.dict;\n\n'
            f'/**\n * {summary}\n *\n'
            f' * <p>Generated by generator/generate_dictionary.py from PS3.6 data; do not edit.\n */\n'
            f'public final class {name} {{\n\n'
            f'    private {name}() {{\n    }}\n'
            + ''.join(constants) + '}\n')


def tag_java(elements):
    constants = []
    for e in elements:
        vrs = ' or '.join(e.vrs) or 'none'
        retired = ' (retired)' if e.retired else ''
        constants.append(f'\n    /** {tag_text(e.pattern)} {javadoc_text(e.name)}, VR {vrs}, VM {e.vm}{retired}. */\n'
                         f'    public static final int {e.keyword} = 0x{base_tag(e.pattern):08X};\n')
    return java_class('Tag', 'Data element tags by keyword, PS3.6 Tables 6-1, 7-1, 8-1 and PS3.7 Table E.1-1. '
                      'Repeating-group tags such as (60xx,3000) are given with x as 0.', constants)


def uid_java(uids, names):
    constants = []
    for u in uids:
        if u.uid in names:
            retired = ' (retired)' if u.retired else ''
            constants.append(f'\n    /** {javadoc_text(u.name)}, {u.type}{retired}. */\n'
                             f'    public static final String {names[u.uid]} = "{u.uid}";\n')
    return java_class('UID', 'Unique identifiers by keyword, PS3.6 Table A-1 and PS3.4 Annex B.5.', constants)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, 'w', encoding='utf-8', newline='\n') as out:
        out.write(text)
    print(f'wrote {path.relative_to(MODULE.parent)}')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--shared', type=Path, required=True, help='folder holding attributes.json and sops.json')
    parser.add_argument('--pydicom', type=Path, required=True, help='folder of the pydicom package (its data files)')
    args = parser.parse_args()
    version = python_literal(args.pydicom / '_version.py', '__version__')
    elements = read_elements(args.shared, args.pydicom)
    uids = read_uids(args.shared, args.pydicom)
    outputs = {RESOURCES / 'elements.tsv': elements_tsv(elements, version),
               RESOURCES / 'uids.tsv': uids_tsv(uids, version),
               SOURCES / 'Tag.java': tag_java(elements),
               SOURCES / 'UID.java': uid_java(uids, java_names(uids))}
    for path, text in outputs.items():
        write(path, text)


if __name__ == '__main__':
    main()
