// The upload page of PACS-lite (docs/user-guide.md, "Uploads"): ZIP archives, folders and files
// go to POST /api/imports; the bar shows the upload's bytes, then the server's progress, polled
// from GET /api/imports/{id}, until the import is done; then a link into the viewer per study.
// No framework, no inline script: the page's Content-Security-Policy allows scripts from this
// origin only.
'use strict';

(() => {
  const TOKEN_KEY = 'pacslite-upload-token';
  const POLL_MS = 500;

  // A token from ?token= (needed when the page is not opened on this machine): kept for this tab,
  // and taken out of the address bar so that it is not bookmarked or shared with the URL.
  const params = new URLSearchParams(location.search);
  if (params.has('token')) {
    sessionStorage.setItem(TOKEN_KEY, params.get('token'));
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', location.pathname + (rest ? '?' + rest : ''));
  }
  const token = sessionStorage.getItem(TOKEN_KEY);

  const drop = document.getElementById('drop');
  const uploads = document.getElementById('uploads');
  const filesInput = document.getElementById('files');
  const folderInput = document.getElementById('folder');

  function authorize(xhr) {
    if (token) {
      xhr.setRequestHeader('Authorization', 'Bearer ' + token);
    }
  }

  function withToken(url) {
    return token ? url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token) : url;
  }

  function megabytes(bytes) {
    return (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0) + ' MB';
  }

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  /** One upload's row: name, bar, status, and what the import found. */
  function row(name) {
    const item = element('li', 'upload');
    item.appendChild(element('div', 'name', name));
    const bar = element('div', 'bar');
    const progress = element('progress');
    progress.max = 100;
    progress.value = 0;
    const percent = element('span', 'percent', '0%');
    bar.append(progress, percent);
    const status = element('div', 'status', 'Waiting…');
    const result = element('div', 'result');
    item.append(bar, status, result);
    uploads.prepend(item);
    return {
      item, status, result,
      set(value) {
        const shown = Math.max(0, Math.min(100, Math.floor(value)));
        progress.value = shown;
        percent.textContent = shown + '%';
      },
    };
  }

  function describe(report) {
    const parts = [report.instances + ' instances'];
    if (report.alreadyStored) parts.push(report.alreadyStored + ' of them already stored');
    if (report.duplicates) parts.push(report.duplicates + ' duplicates');
    if (report.failed) parts.push(report.failed + ' failed');
    if (report.notDicom) parts.push(report.notDicom + ' other files');
    return parts.join(', ');
  }

  function show(view, report) {
    view.result.replaceChildren();
    if (report.failure) {
      view.result.appendChild(element('p', 'problem', report.failure));
    }
    if (report.studies.length) {
      const list = element('ul', 'studies');
      for (const study of report.studies) {
        const line = element('li');
        if (study.viewer) {
          const link = element('a', 'study-link', 'Open study ' + study.studyInstanceUID + ' in the viewer');
          link.href = withToken(study.viewer);
          link.dataset.study = study.studyInstanceUID;
          line.appendChild(link);
        } else {
          line.appendChild(element('span', 'study-uid', 'Study ' + study.studyInstanceUID));
        }
        line.appendChild(document.createTextNode(' (' + study.instances + ' instances)'));
        list.appendChild(line);
      }
      view.result.appendChild(list);
    }
    for (const directory of report.directories) {
      if (directory.missing.length || directory.mismatched.length) {
        const details = element('details', 'problem');
        details.appendChild(element('summary', null, directory.member + ': ' + directory.missing.length
          + ' listed files missing, ' + directory.mismatched.length + ' not matching'));
        for (const missing of directory.missing) details.appendChild(element('div', null, 'missing: ' + missing));
        for (const m of directory.mismatched) details.appendChild(element('div', null, m.member + ': ' + m.reason));
        view.result.appendChild(details);
      }
    }
    const kept = report.attachments.filter((a) => a.kept.length);
    if (kept.length) {
      const details = element('details');
      details.appendChild(element('summary', null, kept.length + ' attachments kept with the study'));
      for (const a of kept) details.appendChild(element('div', null, a.name + ' (' + a.type + ', ' + a.size + ' bytes)'));
      view.result.appendChild(details);
    }
    if (report.failures.length) {
      const details = element('details', 'problem');
      details.appendChild(element('summary', null, report.failures.length + ' problems'));
      for (const f of report.failures) details.appendChild(element('div', null, f.member + ': ' + f.reason));
      view.result.appendChild(details);
    }
  }

  function finished(view, report) {
    const failed = report.status === 'failed';
    view.item.classList.add(failed ? 'failed' : 'done');
    view.set(100);
    view.status.textContent = (failed ? 'Failed: ' : 'Done: ') + describe(report);
    show(view, report);
  }

  function poll(view, url) {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    authorize(xhr);
    xhr.responseType = 'json';
    xhr.onload = () => {
      if (xhr.status !== 200 || !xhr.response) {
        view.item.classList.add('failed');
        view.status.textContent = 'The import\'s progress cannot be read (HTTP ' + xhr.status + ')';
        return;
      }
      const report = xhr.response;
      if (report.status === 'running') {
        const p = report.progress;
        const done = p.members ? p.membersDone / p.members : 1;
        view.set(95 + 4 * done);
        view.status.textContent = 'Storing: ' + describe(report);
        setTimeout(() => poll(view, url), POLL_MS);
      } else {
        finished(view, report);
      }
    };
    xhr.onerror = () => {
      view.status.textContent = 'The server does not answer; trying again…';
      setTimeout(() => poll(view, url), 2 * POLL_MS);
    };
    xhr.send();
  }

  /** Sends one upload: a single file as it is, several as multipart/form-data with their relative names. */
  function send(name, files) {
    const view = row(name);
    const xhr = new XMLHttpRequest();
    let body;
    let url = '/api/imports';
    if (files.length === 1) {
      const file = files[0].file;
      url += '?name=' + encodeURIComponent(files[0].path);
      body = file;
      xhr.open('POST', url);
      const zip = /\.zip$/i.test(file.name) || /zip/.test(file.type);
      xhr.setRequestHeader('Content-Type', zip ? 'application/zip' : 'application/octet-stream');
    } else {
      body = new FormData();
      for (const entry of files) body.append('file', entry.file, entry.path);
      xhr.open('POST', url);
    }
    authorize(xhr);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        view.set(95 * event.loaded / event.total);
        view.status.textContent = 'Uploading ' + megabytes(event.loaded) + ' of ' + megabytes(event.total);
      }
    };
    xhr.onload = () => {
      const report = xhr.response;
      if ((xhr.status === 202 || xhr.status === 200) && report) {
        if (report.status === 'running') {
          view.set(95);
          view.status.textContent = 'Storing…';
          poll(view, report.url);
        } else {
          finished(view, report);
        }
      } else if (xhr.status === 422 && report) {
        finished(view, report);
      } else {
        view.item.classList.add('failed');
        const reason = xhr.getResponseHeader('Warning') || '';
        view.status.textContent = 'Refused (HTTP ' + xhr.status + ') ' + reason
          + (xhr.status === 401 || xhr.status === 403 ? ': open this page with ?token=<an uploader token>' : '');
      }
    };
    xhr.onerror = () => {
      view.item.classList.add('failed');
      view.status.textContent = 'The upload broke off';
    };
    xhr.send(body);
  }

  /** Files chosen with an input: a folder's keep their relative paths. */
  function fromInput(input) {
    const chosen = Array.from(input.files).map((file) => ({ file, path: file.webkitRelativePath || file.name }));
    input.value = '';
    return chosen;
  }

  filesInput.addEventListener('change', () => {
    // Each chosen file is its own upload: a ZIP per CD, so each gets its own bar and result.
    for (const entry of fromInput(filesInput)) send(entry.path, [entry]);
  });
  folderInput.addEventListener('change', () => {
    const chosen = fromInput(folderInput);
    if (chosen.length) send(chosen[0].path.split('/')[0] + '/', chosen);
  });

  function readEntries(reader) {
    return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
  }

  /** Every file under a dropped folder, with its path from the folder (FileSystemDirectoryEntry). */
  async function walk(entry, into) {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      into.push({ file, path: entry.fullPath.replace(/^\//, '') });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (let batch = await readEntries(reader); batch.length; batch = await readEntries(reader)) {
        for (const child of batch) await walk(child, into);
      }
    }
  }

  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', async (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const entries = Array.from(event.dataTransfer.items || [])
      .map((item) => (item.webkitGetAsEntry ? item.webkitGetAsEntry() : null));
    if (!entries.length || entries.some((entry) => !entry)) {
      for (const file of Array.from(event.dataTransfer.files)) send(file.name, [{ file, path: file.name }]);
      return;
    }
    const loose = [];
    for (const entry of entries) {
      if (entry.isDirectory) {
        const files = [];
        await walk(entry, files);
        if (files.length) send(entry.name + '/', files);
      } else {
        await walk(entry, loose);
      }
    }
    // Dropped files: each ZIP on its own, the other files together.
    const zips = loose.filter((entry) => /\.zip$/i.test(entry.path));
    const others = loose.filter((entry) => !/\.zip$/i.test(entry.path));
    for (const zip of zips) send(zip.path, [zip]);
    if (others.length) send(others.length === 1 ? others[0].path : others.length + ' files', others);
  });

  if (!token && !['localhost', '127.0.0.1', '[::1]'].includes(location.hostname)) {
    const access = document.getElementById('access');
    access.hidden = false;
    access.textContent = 'Away from the server\'s own machine an upload needs a token: open this page as '
      + '/upload?token=<an uploader token> (pacslite token create --role uploader).';
  }
})();
