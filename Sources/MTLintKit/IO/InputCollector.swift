import Foundation

/// Turns the command line's paths into the list of inputs to lint: files as
/// given, directories walked recursively for .txt and .md files in sorted order
/// (hidden folders skipped), and "-" for standard input.
public enum InputCollector {
    public static let extensions: Set<String> = ["txt", "md", "markdown"]

    public enum Input: Sendable, Equatable {
        case standardInput
        case file(String)
        /// A path that does not exist or cannot be listed: reported as an input error.
        case missing(String, String)
    }

    /// `selects` filters the files found by walking folders (the configuration's
    /// include/exclude); files named on the command line are always linted.
    public static func collect(_ paths: [String], selects: (String) -> Bool = { _ in true }) -> [Input] {
        if paths.isEmpty { return [.standardInput] }
        var inputs: [Input] = []
        for path in paths {
            if path == "-" { inputs.append(.standardInput); continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                inputs.append(.missing(path, "no such file or directory"))
                continue
            }
            if isDirectory.boolValue {
                inputs += walk(path, selects: selects)
            } else {
                inputs.append(.file(path))
            }
        }
        return inputs
    }

    private static func walk(_ folder: String, selects: (String) -> Bool) -> [Input] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            return [.missing(folder, "cannot list the directory")]
        }
        var inputs: [Input] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                inputs += walk(path, selects: selects)
            } else if let dot = name.lastIndex(of: "."), extensions.contains(name[name.index(after: dot)...].lowercased()),
                      selects(path) {
                inputs.append(.file(path))
            }
        }
        return inputs
    }
}
