/// The reader of each format whose text is extracted (translation files, HTML).
public enum TranslationReaders {
    public static func read(_ bytes: [UInt8], format: DocumentFormat) throws(FormatError) -> TranslationFile {
        switch format {
        case .po: return try POReader.read(bytes)
        case .xliff: return try XMLTranslationReader.read(bytes, dialect: .xliff)
        case .tmx: return try XMLTranslationReader.read(bytes, dialect: .tmx)
        case .html: return HTMLReader.read(bytes)
        case .plain, .markdown: throw FormatError(line: 1, column: 1, message: "\(format.rawValue) is not a format whose text is extracted")
        }
    }
}
