// The admin UI's only script: niceties on top of pages that work without it.
// - focus the error summary so screen readers announce it
// - filter long lists of choices (the exemption picker)
// - ask before an action that sends a letter and closes a request
// - upload a document or a dataset CSV straight to S3 with a progress bar, a large CSV in parts
//   (without JS: the curl command)
'use strict';

(function () {
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();

  document.querySelectorAll('[data-filter-for]').forEach(function (input) {
    var list = document.getElementById(input.getAttribute('data-filter-for'));
    if (!list) return;
    input.hidden = false;
    var label = document.querySelector('label[for="' + input.id + '"]');
    if (label) label.hidden = false;
    input.addEventListener('input', function () {
      var words = input.value.toLowerCase().trim();
      list.querySelectorAll('.choice').forEach(function (choice) {
        var checked = choice.querySelector('input:checked');
        choice.hidden = !checked && words !== '' && choice.textContent.toLowerCase().indexOf(words) === -1;
      });
    });
  });

  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  });

  /** PUTs a file or a part of one to a presigned URL, reporting the bytes sent; resolves with the request. */
  function put(url, headers, body, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open('PUT', url);
      Object.keys(headers || {}).forEach(function (name) {
        xhr.setRequestHeader(name, headers[name]);
      });
      xhr.upload.addEventListener('progress', function (e) {
        onProgress(e.loaded);
      });
      xhr.addEventListener('load', function () {
        if (xhr.status >= 200 && xhr.status < 300) resolve(xhr);
        else reject(new Error('The upload failed (' + xhr.status + ').'));
      });
      xhr.addEventListener('error', function () {
        reject(new Error('The upload failed: the connection was lost.'));
      });
      xhr.send(body);
    });
  }

  document.querySelectorAll('form[data-upload]').forEach(function (form) {
    var file = form.querySelector('input[type="file"]');
    var manual = form.querySelector('[data-manual]');
    var picker = form.querySelector('[data-picker]');
    var progress = form.querySelector('progress');
    var status = document.getElementById(form.getAttribute('data-status'));
    if (!file || !manual || !picker || !progress || !status) return;
    picker.hidden = false;
    manual.hidden = true;
    manual.querySelectorAll('input').forEach(function (input) {
      input.required = false;
    });
    file.required = true;

    function say(text) {
      status.textContent = text;
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var chosen = file.files && file.files[0];
      if (!chosen) {
        say('Choose a file first.');
        file.focus();
        return;
      }
      form.elements.fileName.value = chosen.name
        .replace(/[^A-Za-z0-9 ._()-]/g, '_')
        .replace(/^[^A-Za-z0-9]+/, '');
      form.elements.contentType.value = chosen.type || 'application/octet-stream';
      form.elements.sizeBytes.value = String(chosen.size);
      var body = new URLSearchParams(new FormData(form));
      body.delete('file');
      say('Preparing the upload…');
      fetch(form.action, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
        credentials: 'same-origin',
      })
        .then(function (response) {
          return response.json().then(function (answer) {
            if (!response.ok) throw new Error(answer.message || 'The upload could not start.');
            return answer;
          });
        })
        .then(function (answer) {
          progress.hidden = false;
          progress.value = 0;
          function shown(loaded) {
            progress.value = Math.min(100, Math.round((loaded / chosen.size) * 100));
            say('Uploading ' + chosen.name + ': ' + progress.value + ' %');
          }
          if (answer.upload.method === 'PUT') {
            return put(answer.upload.url, answer.upload.headers, chosen, shown).then(function () {
              return answer;
            });
          }
          if (!answer.complete)
            throw new Error('Files over 100 MB go in parts: use the API (see the README).');
          // A large file goes in parts, one after another; S3 assembles them when told each part's ETag.
          var size = answer.upload.partSizeBytes;
          var sent = [];
          return answer.upload.parts
            .reduce(function (chain, part) {
              var start = (part.partNumber - 1) * size;
              return chain.then(function () {
                return put(part.url, {}, chosen.slice(start, start + size), function (loaded) {
                  shown(start + loaded);
                }).then(function (xhr) {
                  var etag = xhr.getResponseHeader('ETag');
                  if (!etag)
                    throw new Error('The upload failed: S3 did not confirm part ' + part.partNumber + '.');
                  sent.push(part.partNumber + ':' + etag);
                });
              });
            }, Promise.resolve())
            .then(function () {
              var done = new URLSearchParams();
              done.append('csrf', form.elements.csrf.value);
              sent.forEach(function (p) {
                done.append('part', p);
              });
              return fetch(answer.complete, {
                method: 'POST',
                headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
                body: done.toString(),
                credentials: 'same-origin',
              });
            })
            .then(function (response) {
              if (!response.ok)
                throw new Error('The parts arrived, but S3 could not assemble them: try again.');
              return answer;
            });
        })
        .then(function (answer) {
          progress.value = 100;
          say('Uploaded. The personal-data scan runs now; this page reloads in a moment.');
          window.setTimeout(function () {
            window.location.assign(answer.next);
          }, 1500);
        })
        .catch(function (error) {
          say(error.message);
        });
    });
  });
})();
