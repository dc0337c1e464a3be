import ICUShim

/// The fold key that groups spellings of one name: ICU transliteration to
/// ASCII Latin, lower case, then letters and digits only
/// ("Kim Jong-un", "Kim Jong Un", "KIM JONG UN" → "kimjongun"; "P'yongyang" → "pyongyang").
public enum NameFolding {
    public static func key(_ name: String) -> String {
        // ASCII needs no transliteration: keep letters and digits, lower-cased.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            let kept = name.utf8.compactMap { byte -> UInt8? in
                let lower = byte | 0x20
                if lower >= 0x61 && lower <= 0x7A { return lower }
                return byte >= 0x30 && byte <= 0x39 ? byte : nil
            }
            return String(decoding: kept, as: UTF8.self)
        }
        if let key = tableKey(name) { return key }
        let input = Array(name.utf8)
        var output = [CChar](repeating: 0, count: input.count * 4 + 64)
        let written = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { mtl_fold_name(source.baseAddress, Int32(source.count), $0.baseAddress, Int32($0.count)) }
        }
        let folded = written < 0 ? name.lowercased() : String(decoding: output[0..<Int(written)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(folded.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.map(Character.init))
    }

    /// The key of a name in Latin, Cyrillic or Greek letters, without ICU's transliterator
    /// (whose set-up costs every process some 10 ms): the base letter of each canonical
    /// decomposition, the Latin letters that do not decompose spelled as ICU's Latin-ASCII spells
    /// them, Cyrillic and Greek letters romanised as English-language newsrooms do
    /// ("Хрущёв" → "khrushchev"). Nil when the name has a letter of another script.
    static func tableKey(_ name: String) -> String? {
        var key = ""
        for letter in name.lowercased().unicodeScalars {
            // "й" is a letter of its own, not "и" with a mark: "функций" and "функции" are two words.
            let scalar = letter.isASCII || romanised[letter] != nil ? letter : Unicode.Scalar(mtl_canonical_base(letter.value)) ?? letter
            switch scalar.value {
            case 0x61...0x7A, 0x30...0x39: key.unicodeScalars.append(scalar)
            case 0...0x7F, 0x300...0x36F, 0x2000...0x206F, 0x02BC: continue
            case 0xC0...0x2AF, 0x1E00...0x1EFF, 0x370...0x3FF, 0x400...0x4FF:
                if let spelled = romanised[scalar] { key += spelled } else if scalar.properties.isAlphabetic { return nil }
            default: return nil
            }
        }
        return key
    }

    /// Lower-case letters without a decomposition to an ASCII letter, and how a key spells them.
    private static let romanised: [Unicode.Scalar: String] = [
        // Latin, as Latin-ASCII writes them.
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i",
        "ħ": "h", "ŋ": "n", "ĸ": "q", "ſ": "s", "ŧ": "t", "ƒ": "f", "ǝ": "e", "ə": "e", "ɨ": "i",
        // Cyrillic (ё decomposes to е with a diaeresis).
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
        "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
        "ь": "", "э": "e", "ю": "yu", "я": "ya", "й": "y", "ї": "yi", "і": "i", "є": "ye", "ґ": "g", "ђ": "dj", "ј": "j",
        "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѕ": "dz",
        // Greek (after decomposition, without the tonos).
        "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
        "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
        "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
    ]
}
