import Testing
@testable import MTLintKit

/// Code inside plain prose is found by its shape and hidden from the rules (#13, item 5).
struct CodeShapesTests {
    /// The text with every code-shaped span replaced by "#", to read what was hidden.
    func hidden(_ text: String) -> String {
        var bytes = Array(text.utf8)
        for range in bytes.withUnsafeBufferPointer(CodeShapes.ranges) { for index in range { bytes[index] = UInt8(ascii: "#") } }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func identifierListsAreCode() {
        #expect(hidden("C'est un alias de source,any,all, et il est identique.") == "C'est un alias de ##############, et il est identique.")
        #expect(hidden("Voir «a,b,c» ici.") == "Voir «#####» ici.")
        // Two items, numbers and words with spaces are prose for the rules to judge.
        #expect(hidden("Il a dit oui,puis il est parti.") == "Il a dit oui,puis il est parti.")
        #expect(hidden("Es kostet 1,200,000 Euro.") == "Es kostet 1,200,000 Euro.")
        #expect(hidden("Les ministres,les députés,les élus sont venus.") == "Les ministres,les députés,les élus sont venus.")
        // A keyword list with semicolons; two items only on a short command line, in one case and in ASCII.
        #expect(hidden("app;application;logiciel;paquet") == String(repeating: "#", count: 31))
        #expect(hidden("  ps axk comm o comm,args\n") == "  " + String(repeating: "#", count: 23) + "\n")
        #expect(hidden("RD,RS\n") == "#####\n")
        #expect(hidden("Trump,Biden\n") == "Trump,Biden\n")
        #expect(hidden("incohérence de hachage,trouvé à\n") == "incohérence de hachage,trouvé à\n")
        #expect(hidden("C'est un alias de any,all.") == "C'est un alias de any,all.")
    }

    @Test func aShortLineAroundCodeIsACommandLine() {
        #expect(hidden("Exemples :\n   ps jaxkuid,-ppid,+pid\n   ps axk comm\n") == "Exemples :\n   #####################\n   ps axk comm\n")
        #expect(hidden("  ps axo stat,euid,ruid,tty,tpgid\n") == "  " + String(repeating: "#", count: 31) + "\n")
    }

    @Test func tableHeaderRowsAreCode() {
        let header = "       Type            Adr      Décala.Taille ES   LN Inf Al\n"
        #expect(hidden("Sections :\n" + header) == "Sections :\n" + String(repeating: "#", count: header.utf8.count - 1) + "\n")
        // Prose with double spaces after its sentences, and an option line with one wide gap, are not tables.
        let prose = "Le chemin est lu.  Si SPEC est indiqué, il donne les valeurs.  Sinon, rien.  Fin du texte.\n"
        #expect(hidden(prose) == prose)
        let option = "  -a, --add username            add username to the members\n"
        #expect(hidden(option) == option)
        // A row of data keeps its numbers for the number checks.
        let data = "  0:    registres  8 SP /  4 DP\n"
        #expect(hidden(data) == data)
    }

    @Test func namespacedIdentifiersAreCode() {
        let namespaced = "Elles sont ajoutées sous la forme shlibs:champ-dépendance où champ est le nom du champ."
        #expect(hidden(namespaced) == namespaced.replacingOccurrences(of: "shlibs:champ-dépendance",
                                                                      with: String(repeating: "#", count: "shlibs:champ-dépendance".utf8.count)))
        // Clock times, ratios and a colon after a word with a space are not.
        #expect(hidden("Um 12:30 Uhr, im Verhältnis 1:2.") == "Um 12:30 Uhr, im Verhältnis 1:2.")
        #expect(hidden("Remarque: le fichier est lu.") == "Remarque: le fichier est lu.")
        #expect(hidden("Die Ausgabe ist im Format »HH:MM«, sonst im Format »Mmm:SS«.")
            == "Die Ausgabe ist im Format »#####«, sonst im Format »######«.")
    }

    @Test func headerLinesAreCodeAndSentencesAreNot() {
        #expect(hidden("Urgency: medium\nCloses: 123456\n") == "###############\n##############\n")
        #expect(hidden("  Status: état\n") == "  " + String(repeating: "#", count: "Status: état".utf8.count) + "\n")
        #expect(hidden("Note: the file is read once.\n") == "Note: the file is read once.\n")
        #expect(hidden("Attention: le fichier sera écrasé par la commande suivante\n")
            == "Attention: le fichier sera écrasé par la commande suivante\n")
    }

    @Test func tableKeysAreCode() {
        // Two rows or more: the keys and their colons are hidden, the descriptions kept.
        #expect(hidden("   us : час роботи процесів\n   sy : час роботи ядра\n") == "   #### час роботи процесів\n   #### час роботи ядра\n")
        // One line alone, a long key, or a sentence is prose.
        #expect(hidden("Note : voir plus bas.\n") == "Note : voir plus bas.\n")
        #expect(hidden("Il a dit : non.\nElle a dit : oui.\n") == "Il a dit : non.\nElle a dit : oui.\n")
        #expect(hidden("   us : user time\n") == "   us : user time\n")
    }

    @Test func hiddenCodeIsNoFinding() {
        let linter = Linter(options: LintOptions(language: "fr"))
        let text = "Envoyer tout. C'est un alias de source,any,all et identique au cas par défaut.\n\nUrgency: priorité\n"
        let rules = linter.lint(SourceText(text), path: "a.txt").findings.map(\.rule)
        #expect(!rules.contains("missing-space-after-comma"))
        #expect(!rules.contains("french-spacing"))
        // The same slip in prose is still found.
        let prose = linter.lint(SourceText("Le ministre est arrivé,puis il a parlé.\n"), path: "b.txt").findings.map(\.rule)
        #expect(prose.contains("missing-space-after-comma"))
    }
}
