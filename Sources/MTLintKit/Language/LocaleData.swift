import ICUShim

/// CLDR data of the system ICU, for any locale.
public enum LocaleData {
    public struct Quotes: Sendable, Equatable {
        public var open: String
        public var close: String
        public var alternateOpen: String
        public var alternateClose: String
    }

    /// The locale's quotation marks (`ulocdata_getDelimiter`), e.g. « » ‹ › for fr.
    public static func quotes(for locale: String) -> Quotes? {
        var buffer = [CChar](repeating: 0, count: 64)
        guard mtl_quote_delimiters(locale, &buffer) else { return nil }
        func slot(_ index: Int) -> String {
            buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress! + 16 * index) }
        }
        return Quotes(open: slot(0), close: slot(1), alternateOpen: slot(2), alternateClose: slot(3))
    }

    /// The territory's name in a language, e.g. ("KP", "fr") → "Corée du Nord".
    public static func territoryName(_ territory: String, in displayLocale: String) -> String? {
        displayName { mtl_territory_name(territory, displayLocale, $0, $1) }
    }

    /// A language's name in a language, e.g. ("de", "en") → "German".
    public static func languageName(_ language: String, in displayLocale: String) -> String? {
        displayName { mtl_language_name(language, displayLocale, $0, $1) }
    }

    /// Every territory's name in one display language: CLDR's short form and,
    /// when it differs, the standard one ("Hong Kong", "Hong Kong SAR China").
    public static func territoryNames(in displayLocale: String) -> [String: (short: String, standard: String)] {
        var result: [String: (short: String, standard: String)] = [:]
        guard let short = mtl_display_names_open(displayLocale, true), let full = mtl_display_names_open(displayLocale, false) else { return result }
        defer { mtl_display_names_close(short); mtl_display_names_close(full) }
        for code in territoryCodes {
            guard let standard = displayName({ mtl_display_names_region(full, code, $0, $1) }), standard != code else { continue }
            let shortName = displayName({ mtl_display_names_region(short, code, $0, $1) }) ?? standard
            result[code] = (shortName == code ? standard : shortName, standard)
        }
        return result
    }

    /// Every ISO 3166 territory code ICU knows.
    public static let territoryCodes: [String] = {
        var codes: [String] = []
        guard let list = mtl_territory_codes() else { return codes }
        var index = 0
        while let code = list[index] {
            codes.append(String(cString: code))
            index += 1
        }
        return codes
    }()

    private static func displayName(_ fill: (UnsafeMutablePointer<CChar>, Int32) -> Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: 512)
        let length = buffer.withUnsafeMutableBufferPointer { fill($0.baseAddress!, 511) }
        guard length > 0 else { return nil }
        return String(decoding: buffer[0..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A locale's exemplar characters: the letters its writing system uses.
public final class ExemplarSet: @unchecked Sendable {
    // Frozen USet: read-only and safe to share across threads.
    private let handle: OpaquePointer

    public enum Kind: Int32 { case standard = 0, auxiliary = 1, index = 2, punctuation = 3 }

    public init?(locale: String, kind: Kind = .standard) {
        guard let handle = mtl_exemplar_set(locale, kind.rawValue) else { return nil }
        self.handle = handle
    }

    deinit { mtl_charset_close(handle) }

    public func contains(_ scalar: Unicode.Scalar) -> Bool { mtl_charset_contains(handle, scalar.value) }
}
