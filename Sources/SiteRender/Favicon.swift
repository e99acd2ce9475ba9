/// keydocs' own icon for a guide that names none (`theme.favicon`): a key, drawn here, so that
/// no page asks the server for a `favicon.ico` it does not have.
enum Favicon {
    static let svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">\
        <rect width="32" height="32" rx="7" fill="#0b5cad"/>\
        <circle cx="11" cy="16" r="5.5" fill="none" stroke="#fff" stroke-width="3"/>\
        <path d="M16.5 16H27M23 16v4.5M26.5 16v3" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"/>\
        </svg>

        """
}
