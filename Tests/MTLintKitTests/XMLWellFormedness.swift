import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses XML with Foundation's parser: true when it is well-formed.
enum XMLWellFormedness {
    static func check(_ xml: String) -> Bool {
        XMLParser(data: Data(xml.utf8)).parse()
    }
}
