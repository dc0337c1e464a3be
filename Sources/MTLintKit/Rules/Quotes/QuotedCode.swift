/// Quotation marks around code are the writer's way of setting off a literal, not the quotation
/// marks of prose: manuals quote commands ("dpkg-query --control-path paquet symbols"), regular
/// expressions, option values ("remove-on-upgrade") and single characters ("-"), and in a text of
/// another script, lower-case Latin strings a program prints ("parse failed"). MT puts the
/// source's marks around prose, which keeps being flagged.
enum QuotedCode {
    /// Languages not written in the Latin alphabet, whose texts quote Latin literals.
    private static let nonLatin: Set<String> = ["ru", "uk", "be", "bg", "sr", "mk", "kk", "el", "zh", "ja", "ko",
                                                 "ar", "he", "fa", "hi", "th"]

    static func isCode(_ content: String, language: String) -> Bool {
        let trimmed = content.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return false }
        // A single character that is no letter ("-", "|"), a command or an expression.
        if trimmed.unicodeScalars.count == 1 { return !trimmed.unicodeScalars.first!.properties.isAlphabetic }
        if trimmed.contains("--") || trimmed.contains("\\") || trimmed.contains("/") || trimmed.contains("=") { return true }
        // An identifier: lower-case ASCII with a hyphen, dot or underscore and no space.
        let ascii = trimmed.unicodeScalars.allSatisfy(\.isASCII)
        if ascii && !trimmed.contains(" ") && trimmed.contains(where: { "-._".contains($0) })
            && !trimmed.contains(where: \.isUppercase) && trimmed.contains(where: \.isLetter) { return true }
        // Lower-case Latin in a text of another script: a program's string, not a quotation.
        return ascii && nonLatin.contains(language) && trimmed.contains(where: \.isLetter) && !trimmed.contains(where: \.isUppercase)
    }
}
