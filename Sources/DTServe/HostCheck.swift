/// Refuses requests whose `Host` names anything but this server, so a web page on
/// another site cannot reach it by pointing its own DNS name at 127.0.0.1
/// (DNS rebinding): the browser then sends that site's name as `Host`.
struct HostCheck: Sendable {
    /// Lower-cased names without port that a request may use.
    let names: Set<String>
    let port: Int

    init(configuration: ServeConfiguration, boundPort: Int) {
        var names: Set<String> = [Self.bare(configuration.host)]
        // On loopback (or on every interface) the usual loopback names reach the same server.
        if configuration.isLoopback || configuration.host == "0.0.0.0" || configuration.host == "::" {
            names.formUnion(["127.0.0.1", "localhost", "::1"])
        }
        for h in configuration.extraHosts { names.insert(Self.bare(h)) }
        self.names = names
        self.port = boundPort
    }

    /// `[::1]` and `::1` are one name.
    static func bare(_ host: String) -> String {
        var h = host.lowercased()
        if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        return h
    }

    /// Whether `authority` (a `Host` value: name, `name:port`, `[v6]:port`) is this server.
    func allows(_ authority: String?) -> Bool {
        guard let authority, !authority.isEmpty else { return false }
        let value = authority.lowercased()
        var name = value
        var portText: Substring?
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else { return false }
            name = String(value[value.index(after: value.startIndex)..<close])
            let rest = value[value.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return false }
                portText = rest.dropFirst()
            }
        } else if let colon = value.lastIndex(of: ":") {
            // More than one colon without brackets is not a valid Host.
            guard value.firstIndex(of: ":") == colon else { return false }
            name = String(value[..<colon])
            portText = value[value.index(after: colon)...]
        }
        if let portText {
            guard let p = Int(portText), p == port else { return false }
        } else if port != 80 {
            return false
        }
        return names.contains(name)
    }
}
