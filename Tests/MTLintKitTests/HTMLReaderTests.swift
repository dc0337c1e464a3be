import Testing
@testable import MTLintKit

/// HTML pages as input: the prose a reader sees is extracted, every finding and fix
/// points at the page's own bytes, and `fix` writes escaped HTML and nothing else.
@Suite struct HTMLReaderTests {
    // MARK: Helpers

    private func text(_ page: String) -> String {
        String(decoding: HTMLReader.read(Array(page.utf8)).text, as: UTF8.self)
    }

    /// The parts of the text hidden from the rules (inline code, SVG, MathML), as the file has them.
    private func hidden(_ page: String) -> [String] {
        let file = HTMLReader.read(Array(page.utf8))
        return file.codes.map { String(decoding: file.text[$0], as: UTF8.self) }
    }

    private func lint(_ page: String, language: String? = "en", rules: Set<String> = []) -> FileResult {
        var options = LintOptions(language: language)
        options.onlyEnabled = rules
        return Linter(options: options).lint(SourceText(page), path: "page.html")
    }

    /// The byte offset of the `occurrence`-th `needle` in `page` (1-based).
    private func offset(of needle: String, in page: String, occurrence: Int = 1) -> Int {
        let bytes = Array(page.utf8), pattern = Array(needle.utf8)
        var found = 0
        for start in 0...(bytes.count - pattern.count) where Array(bytes[start..<(start + pattern.count)]) == pattern {
            found += 1
            if found == occurrence { return start }
        }
        return -1
    }

    /// "rule line:column file-text", the way a user reads a finding.
    private func located(_ result: FileResult, _ page: String) -> [String] {
        let bytes = Array(page.utf8)
        return result.findings.map { finding in
            let (line, column) = XMLByteScanner.lineAndColumn(of: finding.start, in: bytes)
            return "\(finding.rule) \(line):\(column) \(String(decoding: bytes[finding.range], as: UTF8.self))"
        }
    }

    // MARK: Inline markup

    static let inlinePage = """
        <!DOCTYPE html>
        <html lang="en">
        <body>
        <article>
          <h1>Missile test</h1>
          <p>North Korea tested a missile. The <em>leader</em> of <a href="/kp"><strong>South Korea</strong></a> North
          watched it, said <b>the the</b> ministry. North Korea said so.</p>
        </article>
        </body>
        </html>

        """

    @Test func inlineMarkupStaysInsideTheSentence() throws {
        #expect(text(Self.inlinePage) == """
            Missile test

            North Korea tested a missile. The leader of South Korea North
              watched it, said the the ministry. North Korea said so.
            """)
        let result = lint(Self.inlinePage, rules: ["garbled-name", "repeated-word"])
        #expect(located(result, Self.inlinePage) == [
            "garbled-name 6:81 South Korea</strong></a> North",
            "repeated-word 7:23 the the",
        ])
        let garbled = try #require(result.findings.first { $0.rule == "garbled-name" })
        #expect(garbled.start == offset(of: "South Korea</strong>", in: Self.inlinePage))
        #expect(garbled.end == offset(of: "North\n", in: Self.inlinePage) + 5)
        // Its fix would cut through tags: it is reported, not fixed.
        #expect(garbled.fix == nil)
        let repeated = try #require(result.findings.first { $0.rule == "repeated-word" })
        // Inside one inline element the fix deletes the second word's bytes.
        #expect(repeated.fix?.edits == [Edit(offset: offset(of: "the the", in: Self.inlinePage) + 3, length: 4, replacement: "")])

        // A doubling across a link's tag is found, with a range over the tag, but not fixed.
        let across = #"<p>He met the <a href="/p">the</a> president.</p>"#
        let finding = try #require(lint(across, rules: ["repeated-word"]).findings.first)
        #expect(finding.range == offset(of: "the <a", in: across)..<(offset(of: "the</a>", in: across) + 3))
        #expect(finding.fix == nil)
    }

    // MARK: Character references

    static let entityPage = """
        <p>Caf&eacute; owners&nbsp;said it&#8217;s AT&amp;T&rsquo;s call , and and left&#x2026;</p>
        <p>Unknown &foo; and bare & stay.</p>
        """

    @Test func referencesAreDecodedForTheRulesAndMappedToTheFile() throws {
        let file = HTMLReader.read(Array(Self.entityPage.utf8))
        let extracted = String(decoding: file.text, as: UTF8.self)
        #expect(extracted == "Café owners\u{A0}said it’s AT&T’s call , and and left…\n\nUnknown &foo; and bare & stay.")
        // "é" in the text is the whole "&eacute;" in the file.
        let e = Array("Caf".utf8).count
        let mapped = try #require(file.map.fileRange(e..<(e + 2)))
        #expect(mapped.range == offset(of: "&eacute;", in: Self.entityPage)..<(offset(of: "&eacute;", in: Self.entityPage) + 8))
        #expect(mapped.editable)

        let result = lint(Self.entityPage)
        #expect(located(result, Self.entityPage) == [
            "space-before-punctuation 1:65  ",
            "repeated-word 1:68 and and",
        ])
        // Decoded references are prose, not references left in the text.
        #expect(!result.findings.contains { $0.rule == "html-entity" })
    }

    @Test func namedReferencesComeFromLibxml2() {
        func decode(_ reference: String) -> String? {
            let bytes = Array(reference.utf8)
            return HTMLCharacterReference.decode(bytes, at: 0, limit: bytes.count)?.text
        }
        #expect(decode("&eacute;") == "é")
        #expect(decode("&rsquo;") == "’")
        #expect(decode("&hellip;") == "…")
        #expect(decode("&Eacute;") == "É")
        #expect(decode("&nbsp;") == "\u{A0}")
        #expect(decode("&apos;") == "'")
        #expect(decode("&foo;") == nil)
        #expect(decode("&eacute") == nil)  // a name needs its ";"
        #expect(decode("&EACUTE;") == nil)  // names are case-sensitive
        #expect(decode("&#65") == "A")  // a number need not
        #expect(decode("&#x41;") == "A")
        #expect(decode("&#150;") == "–")  // read as Windows-1252, as browsers do
        #expect(decode("&#0;") == "\u{FFFD}")
        #expect(decode("&#xD800;") == "\u{FFFD}")
        #expect(decode("&#99999999999999;") == "\u{FFFD}")
        #expect(decode("&#;") == nil)
        #expect(decode("&") == nil)
    }

    // MARK: Blocks

    @Test func blocksBreaksAndTableCellsAreParagraphs() {
        let page = """
            <p>One<br>two</p>
            <table>
              <tr><th>the</th><td>the</td></tr>
            </table>
            <ul>
              <li>and</li>
              <li>and</li>
            </ul>
            <dl><dt>or</dt><dd>or</dd></dl><figure><img src="a.png"><figcaption>it</figcaption></figure><blockquote>it</blockquote>
            """
        #expect(text(page) == "One\n\ntwo\n\nthe\n\nthe\n\nand\n\nand\n\nor\n\nor\n\nit\n\nit")
        // No word is doubled across two blocks.
        #expect(lint(page, rules: ["repeated-word"]).findings.isEmpty)
    }

    // MARK: What is not prose

    static let codePage = """
        <!DOCTYPE html>
        <html>
        <head>
          <meta charset="utf-8">
          <title>Port  news</title>
          <style>p::before { content: "the the"; }</style>
          <script>if (a < b && c) { say("the the </p>"); }</script>
          <script type="module">
            document.write("<p>and and</p>");
          </SCRIPT >
          <noscript><p>or or</p></noscript>
        </head>
        <body>
        <!-- the the: a comment -->
        <p>Run <code>make the the</code> then <kbd>Ctrl the the</kbd> now.</p>
        <pre>and and
        or or</pre>
        <svg viewBox="0 0 10 10"><text>the the</text><![CDATA[ or or ]]></svg>
        <math><mi>x x</mi></math>
        <template><p>the the</p></template>
        <textarea>and and</textarea>
        <p>Done.</p>
        </body>
        </html>
        """

    @Test func scriptStyleCodeCommentsAndForeignContentAreSkipped() {
        #expect(text(Self.codePage) == """
            Port  news

            Run <code>make the the</code> then <kbd>Ctrl the the</kbd> now.

            <svg viewBox="0 0 10 10"><text>the the</text><![CDATA[ or or ]]></svg>
            <math><mi>x x</mi></math>




            Done.
            """)
        // Inline code, SVG and MathML keep their place in the sentence, hidden from the rules.
        #expect(hidden(Self.codePage) == [
            "<code>make the the</code>", "<kbd>Ctrl the the</kbd>",
            #"<svg viewBox="0 0 10 10"><text>the the</text><![CDATA[ or or ]]></svg>"#, "<math><mi>x x</mi></math>",
        ])
        #expect(lint(Self.codePage, rules: ["repeated-word"]).findings.isEmpty)
    }

    @Test func codeBeforePunctuationIsNoSpaceBeforeIt() throws {
        let page = "<p>A tool called <code>rustdoc</code>. In <code>src/lib.rs</code>, we save , then quit.</p>"
        // Only the real space before "," is flagged.
        let result = lint(page, rules: ["space-before-punctuation"])
        #expect(located(result, page) == ["space-before-punctuation 1:75  "])
        let fix = try #require(result.findings.first?.fix)
        #expect(fix.edits == [Edit(offset: offset(of: " , then", in: page), length: 1, replacement: "")])
    }

    // MARK: Attributes

    static let attributePage = """
        <p>See <img src=harbour.png alt="the the harbour &amp; quay"> below <abbr title='and and'>EU</abbr> now.
        <img alt=or-or title="">
        <meta name="Description" content="A port in in Marseille">
        """

    @Test func altAndTitleAttributesAreParagraphsOfTheirOwn() throws {
        #expect(text(Self.attributePage) == "See  below EU now.\n\n\n\nthe the harbour & quay\n\nand and\n\nor-or\n\nA port in in Marseille")
        let result = lint(Self.attributePage, rules: ["repeated-word"])
        #expect(located(result, Self.attributePage) == [
            "repeated-word 1:34 the the",
            "repeated-word 1:82 and and",
            "repeated-word 3:42 in in",
        ])
        // A double-quoted value is fixed; a single-quoted one is only reported.
        #expect(result.findings[0].fix != nil)
        #expect(result.findings[1].fix == nil)
        #expect(result.findings[2].fix != nil)
    }

    // MARK: Broken pages

    static let brokenPage = """
        <HTML><BODY>
        <P CLASS=intro>Unclosed and and paragraph
        <P>A < b was was true, and 3 <4 too.</div></span>
        <DIV>Stray </ bogus > end end tag</Div>
        <p title=unquoted>Missing missing end tags
        <p class="cut off
        """

    @Test func brokenHTMLIsLintedAsABrowserReadsIt() {
        #expect(text(Self.brokenPage) == """
            Unclosed and and paragraph


            A < b was was true, and 3 <4 too.

            Stray  end end tag

            Missing missing end tags


            unquoted
            """)
        let result = lint(Self.brokenPage, rules: ["repeated-word"])
        #expect(located(result, Self.brokenPage) == [
            "repeated-word 2:25 and and",
            "repeated-word 3:10 was was",
            "repeated-word 4:23 end end",
            "repeated-word 5:19 Missing missing",
        ])
        // A <code> left open ends with its paragraph. A <pre> ends only at </pre> (a browser
        // would also end it with the div around it: a simplification, no open-element stack).
        #expect(text("<p>Run <code>make all</p><p>The the end.<div><pre>x</div>y</pre>z") == "Run <code>make all\n\nThe the end.\n\nz")
        #expect(hidden("<p>Run <code>make all</p><p>The the end.") == ["<code>make all"])
    }

    @Test func tokenizerFollowsTheBrowserStates() {
        let page = #"<A HREF=x.html TITLE = 'a>b' checked data-x="1"/><!--><!---><!-- a -- b --!><?php echo 1 ?></><SCRIPT>a</b></scripts></Script >t"#
        var tokenizer = HTMLTokenizer(bytes: Array(page.utf8))
        var tokens: [HTMLTokenizer.Token] = []
        while let token = tokenizer.next() { tokens.append(token) }
        guard case .startTag(let anchor) = tokens.first else {
            Issue.record("no start tag: \(tokens)")
            return
        }
        #expect(anchor.name == "a" && anchor.isSelfClosing)
        #expect(anchor.attributes.map(\.name) == ["href", "title", "checked", "data-x"])
        let values = anchor.attributes.map { $0.value.map { String(decoding: Array(page.utf8)[$0], as: UTF8.self) } }
        #expect(values == ["x.html", "a>b", nil, "1"])
        #expect(anchor.attributes.map(\.quote) == [nil, UInt8(ascii: "'"), nil, UInt8(ascii: "\"")])
        let kinds = tokens.dropFirst().map { token -> String in
            switch token {
            case .text(let range): "text:" + String(decoding: Array(page.utf8)[range], as: UTF8.self)
            case .startTag(let tag): "start:" + tag.name
            case .endTag(let tag): "end:" + tag.name
            case .markup(let range): "markup:" + String(decoding: Array(page.utf8)[range], as: UTF8.self)
            case .rawText(let range, let element): "raw \(element):" + String(decoding: Array(page.utf8)[range], as: UTF8.self)
            }
        }
        #expect(kinds == ["markup:<!-->", "markup:<!--->", "markup:<!-- a -- b --!>", "markup:<?php echo 1 ?>", "markup:</>",
                          "start:script", "raw script:a</b></scripts>", "end:script", "text:t"])
    }

    // MARK: Fixing

    static let fixPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head><title>Shares of AT&amp;amp;T rise , again</title></head>
        <body>
        <p class="lead">Shares of <a href="/att?a=1&amp;b=2">AT&amp;amp;T</a> rose by by 3% on Monday , traders said.</p>
        <p>The index &amp;lt;b&amp;gt; closed <em>higher</em> .</p>
        <img src="chart.png" alt="Chart of the the index &amp;quot;S&amp;amp;P&amp;quot;">
        </body>
        </html>

        """

    @Test func fixEscapesReplacementsAndKeepsEveryOtherByte() {
        let fixer = Fixer(linter: Linter(options: LintOptions(language: "en")))
        let outcome = fixer.fix(SourceText(Self.fixPage), path: "page.html")
        let fixed = String(decoding: outcome.bytes, as: UTF8.self)
        #expect(fixed == """
            <!DOCTYPE html>
            <html lang="en">
            <head><title>Shares of AT&amp;T rise, again</title></head>
            <body>
            <p class="lead">Shares of <a href="/att?a=1&amp;b=2">AT&amp;T</a> rose by 3% on Monday, traders said.</p>
            <p>The index &lt;b&gt; closed <em>higher</em>.</p>
            <img src="chart.png" alt="Chart of the index &quot;S&amp;P&quot;">
            </body>
            </html>

            """)
        // Fixing again changes nothing.
        #expect(fixer.fix(SourceText(fixed), path: "page.html").changed == false)
    }

    @Test func htmlEscaping() {
        #expect(TextEscaping.html.escape(#"a & <b> "c" 'd' é"#) == "a &amp; &lt;b&gt; &quot;c&quot; 'd' é")
    }

    // MARK: Suppressions and language

    @Test func suppressionCommentsWork() {
        let page = """
            <!-- mtlint-disable-next-line repeated-word -->
            <p>the the</p>
            <p>and and</p>
            <!-- mtlint-disable -->
            <p>or or</p>
            <!-- mtlint-enable -->
            <p>it it</p>
            """
        #expect(located(lint(page, rules: ["repeated-word"]), page) == ["repeated-word 3:4 and and", "repeated-word 7:4 it it"])

        // A misspelt rule id in a comment is reported at the comment, in the page.
        let misspelt = "<p>Hello.</p>\n<!-- mtlint-disable-next-line repeated-words -->\n<p>the the</p>"
        #expect(located(lint(misspelt, rules: ["repeated-word", "invalid-suppression"]), misspelt) == [
            "invalid-suppression 2:1 <!-- mtlint-disable-next-line repeated-words -->",
            "repeated-word 3:4 the the",
        ])
    }

    @Test func htmlLangGivesTheLanguageUnlessTheCommandLineDoes() {
        let page = #"<html lang="de"><body><p>Die Regierung hat am Montag neue Regeln beschlossen.</p></body></html>"#
        #expect(HTMLReader.read(Array(page.utf8)).targetLanguage == "de")
        #expect(lint(page, language: nil).language == "de")
        #expect(lint(page, language: "fr").language == "fr")
        let invalid = page.replacingOccurrences(of: #"lang="de""#, with: #"lang="not a tag""#)
        #expect(lint(invalid, language: nil).language == "de")  // detected
        #expect(lint(page, language: nil).units == nil)  // an article, not a translation file
    }

    @Test func formatAndFolderWalk() {
        #expect(DocumentFormat.forPath("site/Index.HTM") == .html)
        #expect(DocumentFormat.forPath("a.html") == .html)
        #expect(DocumentFormat.html.isExtracted && !DocumentFormat.html.isTranslationFile)
        #expect(InputCollector.isLintable("page.html") && InputCollector.isLintable("page.htm"))
    }

    // MARK: Robustness

    @Test func emptyHeadOnlyAndRandomPagesAreRead() {
        #expect(text("").isEmpty)
        #expect(lint("").findings.isEmpty)
        #expect(text("<html><head><meta charset=utf-8><title></title><link rel=x></head></html>").isEmpty)
        #expect(text("\u{FEFF}<p>Hi</p>") == "Hi")

        // Random UTF-8 built from HTML's special characters: the map stays inside the file and
        // every verbatim piece is the file's own bytes.
        let alphabet = ["<", ">", "&", ";", "#", "x", "\"", "'", "=", "/", "!", "-", "?", " ", "\n", "p", "br", "script",
                        "amp", "é", "’", "<!--", "-->", "<p>", "</p>", "<svg>", "<code>", "&#", "<![CDATA[", "the", "a"]
        var state: UInt64 = 42
        for _ in 0..<300 {
            var page = ""
            for _ in 0..<40 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                page += alphabet[Int(state >> 33) % alphabet.count]
            }
            let bytes = Array(page.utf8)
            let file = HTMLReader.read(bytes)
            for piece in file.map.pieces {
                #expect(piece.fileStart >= 0 && piece.fileStart + piece.fileLength <= bytes.count, "\(page)")
                if piece.kind == .verbatim {
                    #expect(Array(file.text[piece.textStart..<(piece.textStart + piece.textLength)])
                            == Array(bytes[piece.fileStart..<(piece.fileStart + piece.fileLength)]), "\(page)")
                }
            }
            let result = lint(page)
            #expect(result.error == nil)
            for finding in result.findings { #expect(finding.end <= bytes.count, "\(page)") }
        }
    }
}
