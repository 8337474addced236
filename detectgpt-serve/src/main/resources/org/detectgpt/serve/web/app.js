// detectgpt serve: the page. Plain JavaScript, nothing loaded from elsewhere; it talks to this
// server only (/api/...). Data from documents is put in the page as text, never as HTML; the one
// exception is a document's highlighted view, which the server renders escaped (the HTML report's).
(function () {
  'use strict';

  var TEXT = {
    en: {
      tagline: 'Everything runs on this computer: no text leaves it.',
      dropHere: 'Drop a folder or files here', formats: '.txt .md .docx .pdf .html',
      chooseFiles: 'Choose files', chooseFolder: 'Choose a folder', orPaste: '…or paste a text:',
      calibrationTitle: 'Calibration (optional)',
      calibrationHelp: "A calibration made with 'detectgpt calibrate' from your students' essays known to be " +
        'human: it sets the thresholds of this batch.',
      scan: 'Scan', cancel: 'Cancel', clear: 'Drop this batch', results: 'Results', download: 'Download:',
      sortHelp: 'Click a column header to sort; click a file to see its text.',
      colFile: 'File', colVerdict: 'Verdict', colProbability: 'P(machine)', colScore: 'Score',
      colHuman: 'Human percentile', colMachine: 'Machine percentile', colLanguage: 'Language', colLength: 'Length',
      colNote: 'Note', close: 'Close',
      highlightHelp: 'Highlighted sentences are the most machine-like of their document, compared with its ' +
        'other sentences: they show where to look, not what to conclude.',
      model: 'Detector:',
      limits: 'at most {files} files, {file} a file, {batch} a batch',
      chosen: '{n} documents chosen', skipped: '{n} skipped (hidden, or not a document type read): {names}',
      nothing: 'Nothing to scan: drop files or a folder, or paste a text.',
      tooMany: '{n} documents: at most {max} a batch; send the folder in parts.',
      tooBig: 'The batch is {size}, over the limit of {max} a batch: send the folder in parts.',
      uploading: 'Uploading…', queued: 'Waiting: {n} batch(es) ahead of this one.',
      running: '{done} of {total} documents done', done: 'Done: {total} documents.',
      failed: 'The batch stopped: {error}', cancelled: 'Cancelled.', lost: 'The server no longer has this batch.',
      offline: 'The server does not answer (was it stopped?).',
      'likely-machine': 'likely-machine', 'likely-human': 'likely-human', inconclusive: 'inconclusive',
      'too-short': 'too-short', error: 'error'
    },
    zh: {
      tagline: '一切都在这台电脑上运行：任何文本都不会离开它。',
      dropHere: '把文件夹或文件拖到这里', formats: '.txt .md .docx .pdf .html',
      chooseFiles: '选择文件', chooseFolder: '选择文件夹', orPaste: '……或粘贴一段文本：',
      calibrationTitle: '校准（可选）',
      calibrationHelp: '用 “detectgpt calibrate” 从您确知由学生本人写的作文生成的校准文件：它决定这一批的阈值。',
      scan: '检测', cancel: '取消', clear: '删除这一批', results: '结果', download: '下载：',
      sortHelp: '点击列标题排序；点击文件名查看其文本。',
      colFile: '文件', colVerdict: '结论', colProbability: '机器概率', colScore: '分数',
      colHuman: '人类百分位', colMachine: '机器百分位', colLanguage: '语言', colLength: '长度',
      colNote: '说明', close: '关闭',
      highlightHelp: '高亮的句子是该文档中与其他句子相比最像机器写的句子：它们指出该看哪里，而不是结论。',
      model: '检测器：',
      limits: '每批最多 {files} 个文件，每个文件 {file}，每批 {batch}',
      chosen: '已选择 {n} 个文档', skipped: '已跳过 {n} 个（隐藏文件或不支持的类型）：{names}',
      nothing: '没有可检测的内容：请拖入文件或文件夹，或粘贴文本。',
      tooMany: '{n} 个文档：每批最多 {max} 个；请分批发送。',
      tooBig: '这一批共 {size}，超过每批 {max} 的上限：请分批发送。',
      uploading: '正在上传……', queued: '排队中：前面还有 {n} 批。',
      running: '已完成 {done} / {total} 个文档', done: '完成：共 {total} 个文档。',
      failed: '这一批中止了：{error}', cancelled: '已取消。', lost: '服务器上已没有这一批。',
      offline: '服务器没有响应（是否已停止？）。',
      'likely-machine': '可能为机器生成', 'likely-human': '可能为人类写作', inconclusive: '无法判断',
      'too-short': '太短', error: '错误'
    }
  };
  // the plain-words warning in Chinese; the English one is the HTML report's own, from the server
  var CAUTION_ZH = '<div class="caution"><strong>请在据此采取行动之前阅读。</strong>分数是与作者谈话的依据，' +
    '而不是证据。检测器会出错：已知它们更容易把非英语母语者写的文本、以及格式化很强或经过大量编辑的文本判为机器生成。' +
    '“可能为机器生成”的阈值只让校准所用的人类文本中的一小部分（目标误报率）被标记，但诚实的学生仍可能被标记；' +
    '具体数字见下方的英文说明。绝不要只凭分数做决定：与学生谈话，查看草稿和笔记。</div>';

  var lang = pickLanguage();
  var info = null;
  var batch = null; // {id, timer, rows, state}
  var sort = {key: null, dir: 1};
  var chosen = []; // [{file, path}]
  var skipped = [];

  function $(id) { return document.getElementById(id); }

  function pickLanguage() {
    var saved = null;
    try { saved = window.localStorage.getItem('detectgpt-lang'); } catch (e) { /* storage off */ }
    if (saved === 'en' || saved === 'zh') { return saved; }
    var langs = navigator.languages || [navigator.language || 'en'];
    return String(langs[0] || 'en').toLowerCase().indexOf('zh') === 0 ? 'zh' : 'en';
  }

  function t(key, args) {
    var s = (TEXT[lang][key] !== undefined ? TEXT[lang][key] : TEXT.en[key]) || key;
    return s.replace(/\{(\w+)\}/g, function (m, k) { return args && args[k] !== undefined ? args[k] : m; });
  }

  function applyLanguage() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.dataset.i18n); });
    $('lang').textContent = lang === 'zh' ? 'English' : '中文';
    showLimits();
    showCaution();
    showChosen();
    if (batch && batch.last) { render(batch.last); }
  }

  function size(bytes) {
    if (bytes >= 1048576) {
      var mb = bytes / 1048576;
      return (mb === Math.round(mb) ? mb.toFixed(0) : mb.toFixed(1)) + ' MB';
    }
    return Math.max(1, Math.ceil(bytes / 1024)) + ' KB';
  }

  function showLimits() {
    if (!info) { return; }
    $('limits').textContent = t('limits', {files: info.limits.maxFiles, file: info.limits.maxFileText,
      batch: info.limits.maxBatchText});
  }

  function showCaution() {
    var html = batch && batch.last ? batch.last.caution : info ? info.caution : '';
    // the server's caution is the HTML report's, escaped there; in Chinese the gist comes first
    $('caution').innerHTML = (lang === 'zh' ? CAUTION_ZH : '') + html;
  }

  function message(text) { $('message').textContent = text || ''; }

  // ---- choosing documents

  function supported(path) {
    var name = path.split('/').pop();
    if (path.split('/').some(function (p) { return p.charAt(0) === '.' || p.indexOf('~$') === 0; })) {
      return false;
    }
    var dot = name.lastIndexOf('.');
    return dot > 0 && info && info.extensions.indexOf(name.substring(dot + 1).toLowerCase()) >= 0;
  }

  /** Files picked one by one are all sent (an unsupported one gets its error row); a folder's are filtered, as scan does. */
  function add(file, path, fromFolder) {
    if (fromFolder && !supported(path)) {
      skipped.push(path);
    } else {
      chosen.push({file: file, path: path});
    }
  }

  function showChosen() {
    var parts = [];
    if (chosen.length) { parts.push(t('chosen', {n: chosen.length})); }
    if (skipped.length) {
      parts.push(t('skipped', {n: skipped.length, names: skipped.slice(0, 5).join(', ') +
        (skipped.length > 5 ? ', …' : '')}));
    }
    $('chosen').textContent = parts.join(' · ');
  }

  function readEntries(entry, out) {
    return new Promise(function (resolve) {
      if (entry.isFile) {
        entry.file(function (f) { out.push({file: f, path: entry.fullPath.replace(/^\//, '')}); resolve(); },
          function () { resolve(); });
        return;
      }
      var reader = entry.createReader();
      var all = [];
      (function next() {
        reader.readEntries(function (list) {
          if (!list.length) {
            Promise.all(all.map(function (e) { return readEntries(e, out); })).then(resolve);
            return;
          }
          all = all.concat(Array.prototype.slice.call(list));
          next();
        }, function () { resolve(); });
      })();
    });
  }

  function onDrop(ev) {
    ev.preventDefault();
    $('drop').classList.remove('over');
    var items = ev.dataTransfer.items;
    var entries = [];
    for (var i = 0; items && i < items.length; i++) {
      var e = items[i].webkitGetAsEntry && items[i].webkitGetAsEntry();
      if (e) { entries.push(e); }
    }
    if (!entries.length) {
      Array.prototype.forEach.call(ev.dataTransfer.files, function (f) { add(f, f.name, false); });
      showChosen();
      return;
    }
    var found = [];
    Promise.all(entries.map(function (e) {
      var before = found.length;
      return readEntries(e, found).then(function () {
        found.slice(before).forEach(function (x) { add(x.file, x.path, e.isDirectory); });
      });
    })).then(showChosen);
  }

  // ---- uploading and following a batch

  function submit(ev) {
    ev.preventDefault();
    message('');
    var text = $('text').value;
    var docs = chosen.slice();
    if (text.trim()) {
      docs.push({file: new Blob([text], {type: 'text/plain'}), path: 'pasted-text.txt'});
    }
    if (!docs.length) { message(t('nothing')); return; }
    var total = docs.reduce(function (s, d) { return s + d.file.size; }, 0);
    if (docs.length > info.limits.maxFiles) {
      message(t('tooMany', {n: docs.length, max: info.limits.maxFiles}));
      return;
    }
    if (total > info.limits.maxBatchBytes) {
      message(t('tooBig', {size: size(total), max: info.limits.maxBatchText}));
      return;
    }
    var form = new FormData();
    // the path goes URL-encoded in the file name, so a folder's structure survives the multipart header
    docs.forEach(function (d) { form.append('files', d.file, encodeURIComponent(d.path)); });
    var cal = $('calibration').files[0];
    if (cal) { form.append('calibration', cal, encodeURIComponent(cal.name)); }
    dropBatch();
    $('scan').disabled = true;
    $('status').textContent = t('uploading');
    $('batch').hidden = false;
    fetch('api/batches', {method: 'POST', body: form}).then(function (res) {
      return res.json().then(function (j) { return {ok: res.ok, body: j}; });
    }).then(function (r) {
      $('scan').disabled = false;
      if (!r.ok) {
        $('batch').hidden = true;
        message(r.body.error);
        return;
      }
      chosen = [];
      skipped = [];
      $('files').value = '';
      $('folder').value = '';
      $('text').value = '';
      showChosen();
      batch = {id: r.body.id, last: null, timer: null};
      setLinks();
      poll();
    }).catch(function () {
      $('scan').disabled = false;
      message(t('offline'));
    });
  }

  function setLinks() {
    ['html', 'csv', 'jsonl'].forEach(function (f) {
      $('dl-' + f).href = 'api/batches/' + batch.id + '/report.' + f;
    });
  }

  function poll() {
    if (!batch) { return; }
    var id = batch.id;
    fetch('api/batches/' + id).then(function (res) {
      if (res.status === 404) { throw new Error('lost'); }
      return res.json();
    }).then(function (j) {
      if (!batch || batch.id !== id) { return; }
      batch.last = j;
      render(j);
      if (j.state === 'queued' || j.state === 'running') {
        batch.timer = setTimeout(poll, 400);
      }
    }).catch(function (e) {
      if (batch && batch.id === id) {
        $('status').textContent = e.message === 'lost' ? t('lost') : t('offline');
      }
    });
  }

  function render(j) {
    var busy = j.state === 'queued' || j.state === 'running';
    var p = $('progress');
    p.max = Math.max(1, j.total);
    p.value = j.done;
    $('batch').dataset.state = j.state;
    $('status').textContent = j.state === 'queued' ? t('queued', {n: j.position})
      : j.state === 'running' ? t('running', {done: j.done, total: j.total})
      : j.state === 'done' ? t('done', {total: j.total})
      : j.state === 'failed' ? t('failed', {error: j.error}) : t('cancelled');
    $('cancel').hidden = !busy;
    $('clear').hidden = busy;
    $('downloads').hidden = busy;
    var notes = $('notes');
    notes.textContent = '';
    j.notes.forEach(function (n) { var li = document.createElement('li'); li.textContent = n; notes.appendChild(li); });
    var counts = $('counts');
    counts.textContent = '';
    Object.keys(j.counts).forEach(function (v) {
      var li = document.createElement('li');
      li.className = 'v-' + v;
      li.dataset.verdict = v;
      var b = document.createElement('b');
      b.textContent = j.counts[v];
      li.appendChild(b);
      li.appendChild(document.createTextNode(' ' + t(v)));
      counts.appendChild(li);
    });
    showCaution();
    rows(j.rows);
  }

  function value(row, key) {
    var v = row[key];
    if (v !== null && typeof v === 'object') { return v.v === null ? -1e308 : v.v; }
    return typeof v === 'string' ? v.toLowerCase() : v;
  }

  function rows(list) {
    var sorted = list.slice();
    if (sort.key) {
      sorted.sort(function (a, b) {
        var x = value(a, sort.key), y = value(b, sort.key);
        return sort.dir * (x < y ? -1 : x > y ? 1 : 0);
      });
    }
    var body = $('results').tBodies[0];
    body.textContent = '';
    sorted.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.className = 'v-' + r.verdict;
      tr.dataset.verdict = r.verdict;
      var td = document.createElement('td');
      var a = document.createElement('a');
      a.href = '#';
      a.className = 'open';
      a.textContent = r.path;
      a.addEventListener('click', function (ev) { ev.preventDefault(); openView(r.i); });
      td.appendChild(a);
      tr.appendChild(td);
      cell(tr, t(r.verdict), false);
      ['probability', 'score', 'humanPercentile', 'machinePercentile'].forEach(function (k) {
        cell(tr, r[k].text, true);
      });
      cell(tr, r.language, false);
      cell(tr, r.length.text, true);
      cell(tr, r.note, false);
      body.appendChild(tr);
    });
  }

  function cell(tr, text, num) {
    var td = document.createElement('td');
    td.textContent = text;
    if (num) { td.className = 'num'; }
    tr.appendChild(td);
  }

  function openView(i) {
    if (!batch) { return; }
    fetch('api/batches/' + batch.id + '/documents/' + i).then(function (res) {
      if (!res.ok) { throw new Error(); }
      return res.text();
    }).then(function (html) {
      $('view-body').innerHTML = html; // the HTML report's view, escaped by the server
      $('view').hidden = false;
      $('view').scrollIntoView();
    }).catch(function () { message(t('lost')); });
  }

  function dropBatch() {
    if (!batch) { return; }
    clearTimeout(batch.timer);
    fetch('api/batches/' + batch.id, {method: 'DELETE'}).catch(function () { /* gone already */ });
    batch = null;
    $('view').hidden = true;
    $('view-body').textContent = '';
    showCaution();
  }

  function cancel() {
    if (!batch) { return; }
    var last = batch.last;
    dropBatch();
    if (last) {
      last.state = 'cancelled';
      render(last);
      $('clear').hidden = true;
      $('downloads').hidden = true;
    }
  }

  // ---- wiring

  document.querySelectorAll('#results th').forEach(function (th) {
    th.addEventListener('click', function () {
      sort.dir = sort.key === th.dataset.key ? -sort.dir : 1;
      sort.key = th.dataset.key;
      if (batch && batch.last) { rows(batch.last.rows); }
    });
  });
  $('files').addEventListener('change', function () {
    Array.prototype.forEach.call(this.files, function (f) { add(f, f.name, false); });
    showChosen();
  });
  $('folder').addEventListener('change', function () {
    Array.prototype.forEach.call(this.files, function (f) { add(f, f.webkitRelativePath || f.name, true); });
    showChosen();
  });
  var drop = $('drop');
  drop.addEventListener('dragover', function (ev) { ev.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
  drop.addEventListener('drop', onDrop);
  $('upload').addEventListener('submit', submit);
  $('cancel').addEventListener('click', cancel);
  $('clear').addEventListener('click', function () { dropBatch(); $('batch').hidden = true; });
  $('close-view').addEventListener('click', function () { $('view').hidden = true; });
  $('lang').addEventListener('click', function () {
    lang = lang === 'zh' ? 'en' : 'zh';
    try { window.localStorage.setItem('detectgpt-lang', lang); } catch (e) { /* storage off */ }
    applyLanguage();
  });
  // a batch left open is dropped when the page goes, so its files do not wait for the server to stop
  window.addEventListener('pagehide', function () {
    if (batch) { fetch('api/batches/' + batch.id, {method: 'DELETE', keepalive: true}); }
  });

  fetch('api/info').then(function (res) { return res.json(); }).then(function (j) {
    info = j;
    $('model').textContent = j.criterion + ' · ' + Object.keys(j.models).map(function (k) {
      return k + ': ' + j.models[k];
    }).join(' · ') + ' · ' + j.calibration;
    applyLanguage();
  }).catch(function () { message(t('offline')); });
  applyLanguage();
})();
