/// The shell of every HTML report: one self-contained page, inline CSS, no scripts,
/// no external assets, readable on a laptop and printable.
enum HTMLPage {
    static func wrap(title: String, body: String, extraCSS: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Escape.markup(title))</title>
        <style>
        \(css)\(extraCSS)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    static let css = """
    body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2329;background:#fff;max-width:72rem;margin:0 auto;padding:1.5rem}
    h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{font-size:1.3rem;border-bottom:2px solid #d0d7de;padding-bottom:.2rem;margin-top:2.2rem}
    h3{font-size:1.05rem;margin:1.4rem 0 .4rem}code,.loc{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em}
    .meta{color:#57606a}.loc{color:#57606a;display:block;overflow-wrap:anywhere}.art{margin:.6rem 0 .2rem}
    h2 .file{font:400 .8rem ui-monospace,Menlo,Consolas,monospace;color:#57606a;margin-left:.4rem}
    table{border-collapse:collapse;margin:.6rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}
    th{background:#f6f8fa}
    .lv{display:inline-block;padding:0 .45rem;border-radius:.3rem;font-weight:600;font-size:.85em}
    .lv-baseline{background:#1a7f37;color:#fff}.lv-binding-qualified{background:#d4a72c;color:#1d2329}
    .lv-soft{background:#bf8700;color:#fff}.lv-absent{background:#cf222e;color:#fff}.lv-not-assessed{background:#8c959f;color:#fff}
    .pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
    .draft,.base{border:1px solid #d0d7de;border-radius:.4rem;padding:.6rem .8rem}
    .base{background:#f6f8fa}.base ul{margin:.3rem 0;padding-left:1.2rem}
    blockquote{margin:.4rem 0;padding:.3rem .7rem;border-left:4px solid #0969da;background:#f6f8fa}
    blockquote:target{outline:3px solid #0969da}
    .finding{margin:.3rem 0;padding:.3rem .6rem;border-radius:.3rem}
    .limitation{background:#ffebe9;border-left:4px solid #cf222e}.deviation{background:#fff8c5;border-left:4px solid #bf8700}
    .sectoral{background:#ddf4ff;border-left:4px solid #0969da}
    .error{background:#ffebe9;border:1px solid #cf222e;padding:.5rem;border-radius:.3rem}
    @media (max-width:50rem){.pair{grid-template-columns:1fr}}
    @media print{body{max-width:none;padding:0;font-size:11pt}a{color:inherit;text-decoration:none}
    h2{break-before:page}h2:first-of-type{break-before:auto}.pillar,.finding,blockquote{break-inside:avoid}
    .lv,.limitation,.deviation,.sectoral{-webkit-print-color-adjust:exact;print-color-adjust:exact}}

    """

    static func level(_ raw: String) -> String {
        "<span class=\"lv lv-\(Escape.anchor(raw))\">\(Escape.markup(raw))</span>"
    }
}
