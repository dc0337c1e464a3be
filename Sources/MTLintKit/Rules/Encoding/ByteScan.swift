import ICUShim

/// Byte-level helpers shared by the encoding, script, quote and punctuation
/// rules: they skip ASCII eight bytes at a time and decode scalars without
/// building Strings, so a rule that looks only at rare characters costs
/// little on text that has none.
enum ByteScan {
    /// The offset of the first byte ≥ 0x80 at or after `from`, or `buffer.count`.
    @inline(__always)
    static func nextNonASCII(_ buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var index = skipASCIIWords(buffer, from: from)
        while index < buffer.count && buffer[index] < 0x80 { index += 1 }
        return index
    }

    /// Where a scan must look byte by byte: the first eight bytes at or after `from` that hold a
    /// byte of 0x80 or more or that `holdsStop` says hold a byte the caller wants (or the last,
    /// shorter stretch). The eight bytes before it are passed at once.
    @inline(__always)
    static func skipASCIIWords(_ buffer: UnsafeBufferPointer<UInt8>, from: Int,
                               holdsStop: (UInt64) -> Bool = { _ in false }) -> Int {
        var index = from
        guard let base = buffer.baseAddress else { return buffer.count }
        while index + 8 <= buffer.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 || holdsStop(word) { break }
            index += 8
        }
        return index
    }

    /// The offset of the first `byte` at or after `from`, or `buffer.count` (memchr).
    @inline(__always)
    static func next(_ byte: UInt8, _ buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < buffer.count, let base = buffer.baseAddress else { return buffer.count }
        let found = withUnsafePointer(to: byte) { mtl_find_any(base + from, Int64(buffer.count - from), $0, 1) }
        return found < 0 ? buffer.count : from + Int(found)
    }

    /// The offset of the first of `bytes` (up to eight are compared sixteen bytes at a time) at or
    /// after `from`, or `buffer.count`.
    @inline(__always)
    static func next(anyOf bytes: [UInt8], _ buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < buffer.count, let base = buffer.baseAddress else { return buffer.count }
        let found = bytes.withUnsafeBufferPointer { mtl_find_any(base + from, Int64(buffer.count - from), $0.baseAddress, Int32($0.count)) }
        return found < 0 ? buffer.count : from + Int(found)
    }

    /// Whether a buffer holds any of up to eight `bytes` (sixteen bytes at a time, in C).
    @inline(__always)
    static func holdsAny(of bytes: StaticString, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        return mtl_find_any(base, Int64(buffer.count), bytes.utf8Start, Int32(bytes.utf8CodeUnitCount)) >= 0
    }

    /// `body` on a string's UTF-8 bytes: in place for a native string (a unit's source), which
    /// its `utf8` view would pass one index at a time.
    @inline(__always)
    static func withBytes<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        text.utf8.withContiguousStorageIfAvailable(body) ?? Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// The byte length of the UTF-8 sequence led by `lead`.
    @inline(__always)
    static func length(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    }

    /// The scalar that starts at `index` and its byte length.
    @inline(__always)
    static func scalar(_ buffer: UnsafeBufferPointer<UInt8>, _ index: Int) -> (value: UInt32, length: Int) {
        let lead = buffer[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length = min(length(lead), buffer.count - index)
        return (ScriptLookup.scalar(at: index, in: buffer), max(1, length))
    }

    /// The scalar that ends just before `index` and its start, or nil at the start.
    @inline(__always)
    static func scalar(before index: Int, _ buffer: UnsafeBufferPointer<UInt8>) -> (value: UInt32, start: Int)? {
        guard index > 0 else { return nil }
        var start = index - 1
        while start > 0 && buffer[start] & 0xC0 == 0x80 && index - start < 4 { start -= 1 }
        return (ScriptLookup.scalar(at: start, in: buffer), start)
    }

    static func isLetter(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { let lower = scalar | 0x20; return lower >= 0x61 && lower <= 0x7A }
        return Unicode.Scalar(scalar)?.properties.isAlphabetic ?? false
    }

    static func isASCIILetter(_ scalar: UInt32) -> Bool {
        let lower = scalar | 0x20
        return scalar < 0x80 && lower >= 0x61 && lower <= 0x7A
    }

    static func isDigit(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return scalar >= 0x30 && scalar <= 0x39 }
        return Unicode.Scalar(scalar)?.properties.numericType != nil
    }

    static func isSpace(_ scalar: UInt32) -> Bool { Tokenizer.isWhiteSpace(scalar) }

    static func utf8(_ scalar: UInt32) -> String {
        Unicode.Scalar(scalar).map { String(Character($0)) } ?? ""
    }
}

extension ByteScan {
    /// Whether the line around `offset` looks like code or a command line rather than
    /// prose: it holds $ = { } < > | \ _, an option ("--x", " -x"), a quoted key ("key":) or a
    /// table's box drawing. Manual pages and
    /// technical articles mix such lines into prose; punctuation rules leave them alone.
    static func lineLooksLikeCode(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        var start = offset
        while start > 0 && buffer[start - 1] != 0x0A && offset - start < 1000 { start -= 1 }
        var index = start
        while index < buffer.count && buffer[index] != 0x0A && index - offset < 1000 {
            switch buffer[index] {
            case 0x24, 0x3D, 0x7B, 0x7D, 0x3C, 0x3E, 0x7C, 0x5C, 0x5F: return true
            // "Proxy::example.org" and `"DIRECT";`: a scope operator, a statement ending after a string.
            case 0x3A where index + 1 < buffer.count && buffer[index + 1] == 0x3A: return true
            case 0x22 where index + 1 < buffer.count && buffer[index + 1] == 0x3B: return true
            // `"weight": 1000,` and `"type" : "deb"`: a quoted key of JSON or YAML, one word before a colon
            // (not a headline's quotation, `"Es klingt düster": In der…`).
            case 0x22 where isQuotedKey(buffer, closingAt: index, lineStart: start): return true
            // Box drawing (U+2500–257F, E2 94 xx / E2 95 xx): the cells of a table.
            case 0xE2 where index + 1 < buffer.count && (buffer[index + 1] == 0x94 || buffer[index + 1] == 0x95): return true
            case 0x2D:
                if index + 1 < buffer.count, index == start || buffer[index - 1] == 0x20 || buffer[index - 1] == 0x2D {
                    let next = buffer[index + 1] | 0x20
                    if (next >= 0x61 && next <= 0x7A) || buffer[index + 1] == 0x2D { return true }
                }
            default: break
            }
            index += 1
        }
        return false
    }

    /// Whether the straight quote at `index` closes a one-word string followed by a colon (`"key":`).
    private static func isQuotedKey(_ buffer: UnsafeBufferPointer<UInt8>, closingAt index: Int, lineStart: Int) -> Bool {
        var colon = index + 1
        if colon < buffer.count && buffer[colon] == 0x20 { colon += 1 }
        guard colon < buffer.count, buffer[colon] == 0x3A else { return false }
        var open = index
        while open > lineStart {
            open -= 1
            switch buffer[open] {
            case 0x22: return open + 1 < index
            case 0x20, 0x09: return false
            default: continue
            }
        }
        return false
    }

    /// "&amp;", "&#234;": whether the semicolon at `offset` ends an HTML or XML character reference.
    static func endsCharacterReference(_ offset: Int, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard buffer[offset] == 0x3B else { return false }
        var start = offset
        while start > 0 && offset - start <= 10, case let byte = buffer[start - 1], isASCIILetter(UInt32(byte)) || (byte >= 0x30 && byte <= 0x39) || byte == 0x23 {
            start -= 1
        }
        return start > 0 && start < offset && buffer[start - 1] == 0x26
    }
}
