import ICUShim

func shortName(_ code: Int32) -> String { String(cString: mtl_script_short_name(code)) }

enum ScriptLookup {
    /// The script of a code point; ASCII is answered without calling ICU.
    static func script(of scalar: UInt32) -> Script {
        if scalar < 0x80 {
            let lower = scalar | 0x20
            return lower >= 0x61 && lower <= 0x7A ? .latin : .common
        }
        return Script(code: mtl_script_of(scalar))
    }

    /// Decodes the scalar that starts at `index` (the bytes are valid UTF-8).
    static func scalar(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let lead = bytes[index]
        if lead < 0x80 { return UInt32(lead) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for next in 1..<length where index + next < bytes.count {
            value = value << 6 | UInt32(bytes[index + next] & 0x3F)
        }
        return value
    }
}
