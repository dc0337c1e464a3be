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
        let input = Array(name.utf8)
        var output = [CChar](repeating: 0, count: input.count * 4 + 64)
        let written = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { mtl_fold_name(source.baseAddress, Int32(source.count), $0.baseAddress, Int32($0.count)) }
        }
        let folded = written < 0 ? name.lowercased() : String(decoding: output[0..<Int(written)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(folded.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.map(Character.init))
    }
}
