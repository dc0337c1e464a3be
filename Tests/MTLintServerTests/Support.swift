import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MTLintKit
@testable import MTLintServer

/// Builds servers for the tests and speaks to them.
enum TestServer {
    /// The text of the LanguageTool tests: an emoji (two UTF-16 units, four UTF-8 bytes) and
    /// Chinese (one unit, three bytes each) before "The the", which repeated-word flags.
    static let emojiText = "🎉 東京 The the talks"

    static var logger: Logger {
        var logger = Logger(label: "mtlint.serve.test")
        logger.logLevel = .critical
        return logger
    }

    static func options(_ configure: (inout ServerOptions) -> Void = { _ in }) -> ServerOptions {
        var options = ServerOptions(run: LintRun(configuration: nil, commandLine: LintOptions(), jobs: 1))
        options.maxConcurrentLints = 1
        options.port = 0
        configure(&options)
        return options
    }

    static func state(_ configure: (inout ServerOptions) -> Void = { _ in }) -> ServerState {
        ServerState(options: options(configure))
    }

    static func app(_ state: ServerState) -> some ApplicationProtocol {
        MTLintServer.application(state: state, logger: logger)
    }

    static func app(_ configure: (inout ServerOptions) -> Void = { _ in }) -> some ApplicationProtocol {
        app(state(configure))
    }

    /// `application/x-www-form-urlencoded`, every byte but letters and digits escaped.
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&"))
    }

    static func escape(_ text: String) -> String {
        text.utf8.map { byte in
            let scalar = Unicode.Scalar(byte)
            return byte < 0x80 && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)))
                ? String(Character(scalar)) : String(format: "%%%02X", byte)
        }.joined()
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    static func json(_ object: Any) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:] }

    var array: [Any] { (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [Any] ?? [] }
}

extension Dictionary where Key == String, Value == Any {
    subscript(path path: String...) -> Any? {
        var current: Any? = self
        for key in path {
            if let index = Int(key), let array = current as? [Any] { current = index < array.count ? array[index] : nil; continue }
            current = (current as? [String: Any])?[key]
        }
        return current
    }
}
