import Foundation
import Synchronization

/// Reads the word lists of `dictionaries/` once and shares them.
public final class Dictionaries: Sendable {
    public static let shared = Dictionaries(root: Dictionaries.defaultRoot())

    /// The folder the lists come from, or nil when none was found.
    public let root: URL?
    /// The user's additions (configuration `dictionaries:`): folders laid out like
    /// `dictionaries/` add to every list they hold; a file `…/<lang>/<list>.txt`
    /// adds to that one list.
    public let additions: [URL]
    /// The user's terminology (configuration `glossary:`, `--glossary`), for the glossary rule.
    public let glossary: Glossary
    /// Glossary files that could not be read or parsed, one message each.
    let glossaryProblems: [String]
    private let wordLists = Mutex<[String: Set<String>]>([:])
    private let derivedData = ComputedOnce()

    public init(root: URL?, additions: [String] = [], glossary: Glossary = Glossary(), glossaryProblems: [String] = []) {
        self.root = root
        self.additions = additions.map { URL(fileURLWithPath: $0) }
        self.glossary = glossary
        self.glossaryProblems = glossaryProblems
    }

    /// The built-in lists plus the user's.
    public func adding(_ paths: [String]) -> Dictionaries {
        paths.isEmpty ? self : Dictionaries(root: root, additions: additions.map(\.path) + paths, glossary: glossary, glossaryProblems: glossaryProblems)
    }

    /// These lists with the entries of glossary files added.
    public func adding(glossaryFiles paths: [String]) -> Dictionaries {
        var glossary = self.glossary
        var problems = glossaryProblems
        for path in paths {
            switch Glossary.load(path: path) {
            case .success(let loaded): glossary.entries += loaded.entries
            case .failure(let error): problems += error.messages
            }
        }
        return adding(glossary: glossary, problems: problems)
    }

    /// These lists with a glossary in memory (rule examples, tests).
    public func adding(glossary: Glossary, problems: [String] = []) -> Dictionaries {
        Dictionaries(root: root, additions: additions.map(\.path), glossary: glossary, glossaryProblems: problems)
    }

    /// $MTLINT_DICTIONARIES; else `dictionaries/` in a folder above the executable
    /// (a build inside the repository) or `share/mtlint/dictionaries` beside its
    /// `bin/` (an installed copy); else above the current directory. Nil when
    /// none is found: `problems` then says so, and the CLI refuses to run.
    static func defaultRoot() -> URL? {
        if let path = ProcessInfo.processInfo.environment["MTLINT_DICTIONARIES"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let starts = [executable.deletingLastPathComponent(), URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        for start in starts {
            var folder = start
            for _ in 0..<8 {
                for candidate in ["dictionaries", "share/mtlint/dictionaries"] {
                    let url = folder.appendingPathComponent(candidate)
                    if isDictionaryFolder(url) { return url }
                }
                folder.deleteLastPathComponent()
            }
        }
        return nil
    }

    /// A folder laid out like `dictionaries/`: its README.md says what the lists are.
    static func isDictionaryFolder(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("README.md").path)
    }

    /// What makes these lists unusable, one message each: the built-in folder
    /// missing, or a user's addition that does not exist or does not parse.
    /// A run without its lists would quietly change results, so these are errors.
    public var problems: [String] {
        var problems = glossaryProblems
        if let root, !Dictionaries.isDictionaryFolder(root) {
            problems.append("\(root.path) is not a dictionaries folder (it has no README.md); check MTLINT_DICTIONARIES")
        } else if root == nil {
            problems.append("cannot find the dictionaries folder (looked above the executable and the current folder); "
                + "set MTLINT_DICTIONARIES to it, or install with scripts/install.sh")
        }
        for addition in additions {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: addition.path, isDirectory: &isFolder) else {
                problems.append("dictionary \(addition.path): no such file or folder")
                continue
            }
            if isFolder.boolValue { continue }
            guard let data = FileManager.default.contents(atPath: addition.path),
                  let text = String(data: data, encoding: .utf8), !data.contains(0) else {
                problems.append("dictionary \(addition.path): not readable UTF-8 text")
                continue
            }
            switch addition.pathExtension {
            case "tsv": problems += EntityCatalog.problems(in: text, path: addition.path)
            case "txt": break
            default: problems.append("dictionary \(addition.path): neither a word list (.txt) nor an entity file (.tsv)")
            }
        }
        return problems
    }

    /// Data built from these lists once and shared (e.g. the names rules' index per language).
    public func derived<Value: Sendable>(_ key: String, _ build: () -> Value) -> Value {
        derivedData.value(key, build)
    }

    /// Case-folded words that may legitimately appear twice in a row.
    public func doublings(for language: String) -> Set<String> {
        wordList("\(language)/doublings.txt")
    }

    /// A one-word-a-line list, case-folded; empty when the file does not exist.
    public func wordList(_ relativePath: String) -> Set<String> {
        if let cached = wordLists.withLock({ $0[relativePath] }) { return cached }
        var words: Set<String> = []
        var sources: [URL] = root.map { [$0.appendingPathComponent(relativePath)] } ?? []
        for addition in additions {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: addition.path, isDirectory: &isFolder), isFolder.boolValue {
                sources.append(addition.appendingPathComponent(relativePath))
            } else if addition.path.hasSuffix("/" + relativePath) {
                sources.append(addition)
            }
        }
        for url in sources {
            guard let content = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for line in content.split(whereSeparator: \.isNewline) {
                let entry = line.trimmingCharacters(in: .whitespaces)
                if entry.isEmpty || entry.hasPrefix("#") { continue }
                words.insert(CaseFolding.fold(entry))
            }
        }
        wordLists.withLock { $0[relativePath] = words }
        return words
    }
}
