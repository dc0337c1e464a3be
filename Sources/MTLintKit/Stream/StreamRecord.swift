import Foundation

/// One input line of `--stream`: `{"id", "text", "lang"?, "source"?, "sourceLang"?, "format"?}`,
/// decoded and checked. Other keys are ignored.
public struct StreamRecord: Sendable, Equatable {
    /// The record's id, echoed as given: a string or a number.
    public enum ID: Sendable, Equatable {
        case string(String)
        case int(Int)
        case double(Double)

        public var json: JSONValue {
            switch self {
            case .string(let value): .string(value)
            case .int(let value): .int(value)
            case .double(let value): .double(value)
            }
        }
    }

    public var id: ID
    public var text: String
    /// Target language (BCP 47); nil: the configuration's or the command line's, else detected.
    public var language: String?
    /// The article `text` translates, checked by the source-aware rules.
    public var source: String?
    public var sourceLanguage: String?
    public var format: DocumentFormat

    public init(id: ID, text: String, language: String? = nil, source: String? = nil, sourceLanguage: String? = nil,
                format: DocumentFormat = .plain) {
        self.id = id
        self.text = text
        self.language = language
        self.source = source
        self.sourceLanguage = sourceLanguage
        self.format = format
    }

    /// Why a line is not a record, with the id when it could be read.
    public struct Problem: Error, Sendable, Equatable {
        public var id: ID?
        public var reason: String
    }

    /// The `format` names a record may give.
    public static let formats: [(name: String, format: DocumentFormat)] = [("txt", .plain), ("md", .markdown), ("html", .html)]

    /// Decodes one line (without its "\n"). Blank lines, invalid UTF-8, text that is not JSON,
    /// JSON that is not an object and fields of the wrong type are problems.
    public static func decode(_ line: [UInt8]) -> Result<StreamRecord, Problem> {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
            return .failure(Problem(reason: "blank line: each line must hold one JSON object"))
        }
        if let bad = UTF8Validation.firstInvalidOffset(in: line) {
            // The id, when the rest of the line still reads, names the record.
            let repaired = Array(String(decoding: line, as: UTF8.self).utf8)
            let id = (try? JSONDecoder().decode(Fields.self, from: Data(repaired))).flatMap { try? $0.checkedID() }
            return .failure(Problem(id: id, reason: "invalid UTF-8 at byte offset \(bad) of the line (byte 0x\(hex(line[bad])))"))
        }
        let fields: Fields
        do { fields = try JSONDecoder().decode(Fields.self, from: Data(line)) } catch let error as DecodingError {
            if case .typeMismatch(_, let context) = error, context.codingPath.isEmpty {
                return .failure(Problem(reason: "not a JSON object"))
            }
            return .failure(Problem(reason: "not JSON: \(describe(error, line))"))
        } catch {
            return .failure(Problem(reason: "not JSON: \(error)"))
        }
        return fields.record()
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    /// JSONDecoder is the faster parser (by about a third on long texts) but says only "not valid JSON";
    /// JSONSerialization says where, so a line that failed is parsed again by it for the message.
    static func describe(_ error: DecodingError, _ line: [UInt8]) -> String {
        guard case .dataCorrupted = error else { return "\(error)" }
        do { _ = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed]) } catch {
            if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String {
                return detail.hasSuffix(".") ? String(detail.dropLast()) : detail
            }
        }
        return "the line is not valid JSON"
    }

    /// The fields as found, each of whatever JSON type it had: the checks come after, so that
    /// a record with a bad field still yields its id.
    struct Fields: Decodable {
        var id: Scalar?
        var text: Scalar?
        var lang: Scalar?
        var source: Scalar?
        var sourceLang: Scalar?
        var format: Scalar?

        enum CodingKeys: String, CodingKey { case id, text, lang, source, sourceLang, format }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            func field(_ key: CodingKeys) throws -> Scalar? {
                try container.decodeIfPresent(Scalar.self, forKey: key)
            }
            id = try field(.id)
            text = try field(.text)
            lang = try field(.lang)
            source = try field(.source)
            sourceLang = try field(.sourceLang)
            format = try field(.format)
        }

        func checkedID() throws(Problem) -> ID {
            switch id {
            case .string(let value): return .string(value)
            case .int(let value): return .int(value)
            case .double(let value): return .double(value)
            case nil: throw Problem(reason: "\"id\" is missing")
            case let other?: throw Problem(reason: "\"id\" must be a string or a number, not \(other.typeName)")
            }
        }

        func record() -> Result<StreamRecord, Problem> {
            let id: ID
            do { id = try checkedID() } catch { return .failure(error) }
            func string(_ value: Scalar?, _ name: String, required: Bool = false) throws(Problem) -> String? {
                switch value {
                case .string(let text): return text
                case nil, .null?:
                    if required { throw Problem(id: id, reason: "\"\(name)\" is missing") }
                    return nil
                case let other?: throw Problem(id: id, reason: "\"\(name)\" must be a string, not \(other.typeName)")
                }
            }
            do throws(Problem) {
                let text = try string(self.text, "text", required: true)!
                let language = try string(lang, "lang")
                let sourceLanguage = try string(sourceLang, "sourceLang")
                for (name, tag) in [("lang", language), ("sourceLang", sourceLanguage)] {
                    if let tag, !LanguageDetector.isValidTag(tag) {
                        throw Problem(id: id, reason: "\"\(name)\": '\(tag)' is not a BCP 47 language tag (e.g. en, fr, pt-BR)")
                    }
                }
                var format = DocumentFormat.plain
                if let name = try string(self.format, "format") {
                    guard let known = StreamRecord.formats.first(where: { $0.name == name }) else {
                        let names = StreamRecord.formats.map { "\"\($0.name)\"" }.joined(separator: ", ")
                        throw Problem(id: id, reason: "unknown format '\(name)'; a record's format is one of \(names)")
                    }
                    format = known.format
                }
                return .success(StreamRecord(id: id, text: text, language: language, source: try string(source, "source"),
                                             sourceLanguage: sourceLanguage, format: format))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Any JSON value, reduced to what the checks need.
    enum Scalar: Decodable, Equatable {
        case null, bool, string(String), int(Int), double(Double), array, object

        init(from decoder: any Decoder) throws {
            if (try? decoder.unkeyedContainer()) != nil { self = .array; return }
            if (try? decoder.container(keyedBy: AnyKey.self)) != nil { self = .object; return }
            let value = try decoder.singleValueContainer()
            if value.decodeNil() { self = .null; return }
            if (try? value.decode(Bool.self)) != nil { self = .bool; return }
            if let text = try? value.decode(String.self) { self = .string(text); return }
            if let number = try? value.decode(Int.self) { self = .int(number); return }
            self = .double(try value.decode(Double.self))
        }

        var typeName: String {
            switch self {
            case .null: "null"
            case .bool: "a boolean"
            case .string: "a string"
            case .int, .double: "a number"
            case .array: "an array"
            case .object: "an object"
            }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
