extension Docs {
    static let random: [String: String] = [:]
}
