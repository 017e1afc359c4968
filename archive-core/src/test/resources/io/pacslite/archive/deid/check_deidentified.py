"""pydicom's view of de-identified files (StudyDeidentificationTest): run with the files to check
and the identifying strings none of them may hold anywhere. Prints one line per problem and exits 1
if there is any; prints "checked N files" and exits 0 otherwise."""
import sys

import pydicom


def text_values(dataset):
    """Every text value of the data set and its sequence items, with the element's keyword."""
    for element in dataset:
        if element.VR == 'SQ':
            for item in element.value:
                yield from text_values(item)
        elif element.VR in ('AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC',
                            'UI', 'UR', 'UT'):
            yield element.keyword or str(element.tag), str(element.value)


def private_tags(dataset):
    for element in dataset:
        if element.tag.is_private:
            yield element.tag
        if element.VR == 'SQ':
            for item in element.value:
                yield from private_tags(item)


def problems(path, forbidden):
    ds = pydicom.dcmread(path)
    if ds.get('PatientIdentityRemoved') != 'YES':
        yield 'PatientIdentityRemoved is not YES'
    if ds.get('PatientBirthDate'):
        yield 'PatientBirthDate has a value'
    if 'PatientAddress' in ds or 'OtherPatientIDsSequence' in ds:
        yield 'PatientAddress or OtherPatientIDsSequence is still there'
    codes = [item.CodeValue for item in ds.get('DeidentificationMethodCodeSequence', [])]
    if '113100' not in codes:
        yield f'De-identification Method Code Sequence lacks 113100: {codes}'
    if ds.file_meta.MediaStorageSOPInstanceUID != ds.SOPInstanceUID:
        yield 'MediaStorageSOPInstanceUID differs from SOPInstanceUID'
    for keyword in ('StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID', 'FrameOfReferenceUID'):
        if not str(ds.get(keyword, '')).startswith('2.25.'):
            yield f'{keyword} was not replaced: {ds.get(keyword)}'
    for tag in private_tags(ds):
        yield f'private element {tag} is still there'
    for keyword, value in text_values(ds):
        for text in forbidden:
            if text.lower() in value.lower():
                yield f'{keyword} holds "{text}": {value}'
    if len(ds.PixelData) != ds.Rows * ds.Columns * ds.BitsAllocated // 8:
        yield 'Pixel Data has the wrong length'


def main():
    separator = sys.argv.index('--')
    files, forbidden = sys.argv[1:separator], sys.argv[separator + 1:]
    failed = False
    for path in files:
        for problem in problems(path, forbidden):
            print(f'{path}: {problem}')
            failed = True
    if failed:
        sys.exit(1)
    print(f'checked {len(files)} files')


if __name__ == '__main__':
    main()
