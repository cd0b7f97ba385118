#!/usr/bin/env python3
"""Writes the generated files of corpus/fixtures/hostile (see its README)."""
import os
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus", "fixtures", "hostile"))

def tota(prolog, article, attrs='number="ARTICLE 1"'):
    return f'''<?xml version="1.0" encoding="UTF-8"?>
{prolog}
<treaty><meta><name>Hostile fixture</name><language>en</language></meta>
<body><chapter number="CHAPTER 1"><article {attrs}>
1. The Parties shall cooperate. {article}
</article></chapter></body></treaty>
'''
open("xxe-file-entity.xml","w").write(tota('<!DOCTYPE treaty [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "Leak: &xxe; end."))
open("xxe-parameter-entity.xml","w").write(tota('<!DOCTYPE treaty [<!ENTITY % xxe SYSTEM "file:///etc/passwd"> %xxe;]>', "Text."))
open("xxe-external-dtd.xml","w").write(tota('<!DOCTYPE treaty SYSTEM "file:///etc/passwd">', "Text."))
open("xinclude-passwd.xml","w").write(tota('', 'Leak: <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/> end.'))
decls = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "' + f"&lol{i-1};"*10 + '">' for i in range(1,10))
open("billion-laughs.xml","w").write(tota(f"<!DOCTYPE treaty [{decls}]>", "&lol9;"))
open("quadratic-entity.xml","w").write(tota('<!DOCTYPE treaty [<!ENTITY a "' + "a"*4000 + '">]>', "&a;"*300))
open("quadratic-entity-attribute.xml","w").write(tota('<!DOCTYPE treaty [<!ENTITY a "' + "a"*4000 + '">]>', "x", 'number="' + "&a;"*300 + '"'))
open("deep-xml.xml","w").write(tota('', "<b>"*5000 + "deep" + "</b>"*5000))
open("deep-html.html","w").write("<html><body>" + "<div>"*5000 + "deep" + "</body></html>")
open("utf32-bom.txt","wb").write(b"\xff\xfe\x00\x00" + "Article 1\n1. Text.\n".encode("utf-32-le"))
open("utf16-no-bom.txt","wb").write("Article 1\n1. Text.\n".encode("utf-16-le"))
open("invalid-utf8.txt","wb").write(b"Article 1\nThe Parties \xff\xfe shall.\n")
open("nul-in-xml.xml","wb").write(tota('', "before\x00after").encode())
open("truncated.xml","w").write(tota('', "(a) first;")[:150])
open("not-a-zip.docx","w").write("Dear Sir,\nThis is not a Word file.\n")
