/// The page's own stylesheet and script, served from /static so that the
/// Content-Security-Policy can forbid every inline style and script.
enum PageAssets {
    static let css = """
    body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2329;background:#fff;max-width:60rem;margin:0 auto;padding:1.5rem}
    h1{font-size:1.6rem;margin:.2rem 0 .4rem}.lead{color:#57606a;margin-top:0}
    fieldset{border:1px solid #d0d7de;border-radius:.4rem;margin:1rem 0;padding:.6rem 1rem}legend{font-weight:600;padding:0 .3rem}
    .drop{border:2px dashed #8c959f;border-radius:.6rem;padding:2rem 1rem;text-align:center;background:#f6f8fa;margin:1rem 0}
    .drop.over{border-color:#0969da;background:#ddf4ff}.drop p{margin:.3rem 0}
    .pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}label{display:block;margin:.2rem 0}
    button{font:inherit;padding:.4rem 1rem;border-radius:.4rem;border:1px solid #1f883d;background:#1f883d;color:#fff;cursor:pointer}
    button.secondary{background:#f6f8fa;color:#1d2329;border-color:#d0d7de}
    .private{background:#ddf4ff;border-left:4px solid #0969da;padding:.4rem .8rem;border-radius:.3rem}
    .problem{background:#ffebe9;border:1px solid #cf222e;padding:.6rem .9rem;border-radius:.3rem}
    @media (max-width:40rem){.pair{grid-template-columns:1fr}}

    """

    /// The bar the server adds above a report: status, downloads, the way back.
    static let navCSS = """
    nav.serve{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;padding:.5rem .8rem;margin:0 0 1rem;
    background:#f6f8fa;border:1px solid #d0d7de;border-radius:.4rem;font-size:.9rem}
    nav.serve .status{font-weight:600}nav.serve .status.bad{color:#cf222e}
    @media print{nav.serve{display:none}}

    """

    /// Drag-and-drop: one file is checked, two are compared (earlier name first).
    /// Without JavaScript the form works as it is.
    static let js = """
    (function () {
      var form = document.getElementById('upload');
      var zone = document.getElementById('drop');
      var note = document.getElementById('drop-note');
      if (!form || !zone) return;
      function put(input, file) {
        var dt = new DataTransfer();
        dt.items.add(file);
        input.files = dt.files;
      }
      function send(files) {
        if (files.length === 1) {
          put(form.elements.file, files[0]);
          form.action = '/check';
        } else if (files.length === 2) {
          var sorted = Array.prototype.slice.call(files).sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
          put(form.elements.old, sorted[0]);
          put(form.elements['new'], sorted[1]);
          form.action = '/compare';
        } else {
          note.textContent = 'Drop one file to check it, or two to compare them.';
          return;
        }
        note.textContent = 'Grading\\u2026';
        form.submit();
      }
      ['dragenter', 'dragover'].forEach(function (t) {
        zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add('over'); });
      });
      ['dragleave', 'drop'].forEach(function (t) {
        zone.addEventListener(t, function () { zone.classList.remove('over'); });
      });
      zone.addEventListener('drop', function (e) { e.preventDefault(); send(e.dataTransfer.files); });
    })();

    """
}
