// Drives dicomweb-client (the library OHIF uses) against a PACS-lite server and prints what
// it got as one JSON object; DicomwebClientTest checks it on the Java side.
// Usage: node client.js <service base URL> <patient ID> <file.dcm>...
'use strict';
global.XMLHttpRequest = require('xhr2');
const fs = require('fs');
const { api } = require('dicomweb-client');

const [url, patientId, ...files] = process.argv.slice(2);
const client = new api.DICOMwebClient({ url });
const first = (element) => (element && element.Value ? element.Value[0] : null);
const values = (element) => (element && element.Value ? element.Value : null);

async function main() {
  const report = {};
  const datasets = files.map((file) => {
    const bytes = fs.readFileSync(file);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  });
  const stored = await client.storeInstances({ datasets });
  report.stored = values(JSON.parse(Buffer.from(stored).toString('utf8'))['00081199'])
    .map((item) => first(item['00081155']));

  const studies = await client.searchForStudies({ queryParams: { PatientID: patientId } });
  report.studies = studies.map((s) => ({
    uid: first(s['0020000D']),
    modalities: values(s['00080061']),
    series: first(s['00201206']),
    instances: first(s['00201208']),
    retrieveUrl: first(s['00081190']),
  }));
  const studyInstanceUID = report.studies[0].uid;

  const series = await client.searchForSeries({ studyInstanceUID });
  report.series = series.map((s) => ({ uid: first(s['0020000E']), instances: first(s['00201209']) }));
  const seriesInstanceUID = report.series[0].uid;

  const instances = await client.searchForInstances({ studyInstanceUID, seriesInstanceUID });
  report.instances = instances.map((i) => first(i['00080018']));
  const sopInstanceUID = report.instances[0];

  const instance = await client.retrieveInstance({ studyInstanceUID, seriesInstanceUID, sopInstanceUID });
  report.instanceBytes = instance.byteLength;

  const metadata = await client.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID });
  report.metadata = metadata.map((m) => first(m['00080018']));

  const frames = await client.retrieveInstanceFrames({
    studyInstanceUID, seriesInstanceUID, sopInstanceUID, frameNumbers: [1],
  });
  report.frameBytes = frames.map((frame) => frame.byteLength);

  process.stdout.write(JSON.stringify(report));
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  if (error.status) {
    process.stderr.write(`HTTP ${error.status}: ${error.response}\n`);
  }
  process.exit(1);
});
