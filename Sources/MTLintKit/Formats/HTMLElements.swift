/// What the HTML reader needs to know about elements: which ones end a paragraph
/// and which ones hold no prose.
enum HTMLElements {
    /// Elements that start and end a block: their tags (and `<br>`) end the paragraph
    /// before them, so no sentence runs from one block into the next. Every other
    /// element (`a`, `em`, `span`, an unknown one) is inline, as in a browser's default style.
    static let blocks: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "col", "colgroup",
        "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html",
        "legend", "li", "listing", "main", "menu", "nav", "ol", "optgroup", "option", "p", "pre", "search",
        "section", "select", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
        "audio", "canvas", "iframe", "object", "video",
    ]

    /// Elements whose content is not prose: code, and what a browser does not show as
    /// text. `script`, `style`, `textarea` and the other raw-text elements hold no tags,
    /// so the tokenizer hands over their content whole. The `head` needs no entry: all
    /// it holds is `title` (linted), raw text and empty elements; and a page that
    /// forgets `</head>` has its body read, as a browser ends the head at the first body tag.
    static let skipped: Set<String> = ["code", "pre", "kbd", "samp", "template", "svg", "math"]

    /// Skipped elements that sit inside a sentence: one left open ends with its block,
    /// so that a forgotten `</code>` does not hide the rest of the page.
    static let inlineSkipped: Set<String> = ["code", "kbd", "samp"]

    /// Skipped elements that sit inside a sentence. Their bytes stay in the text, hidden
    /// from the rules as a translation file's inline codes are, so that "called
    /// <code>rustdoc</code>." does not read as a space before the full stop.
    static let placeholders: Set<String> = ["code", "kbd", "samp", "svg", "math"]

    /// SVG and MathML: foreign content, where a tag may close itself.
    static let foreign: Set<String> = ["svg", "math"]

    /// HTML start tags that end foreign content a page forgot to close (WHATWG §13.2.6.5).
    static let leaveForeignContent: Set<String> = [
        "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed",
        "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr",
        "ol", "p", "pre", "ruby", "s", "small", "span", "strike", "strong", "sub", "sup", "table", "tt", "u",
        "ul", "var",
    ]

    /// Elements that never have content (their end tag does not exist).
    static let void: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    /// Attributes whose values readers see: each is linted as a paragraph of its own.
    static let proseAttributes = ["alt", "title"]
}
