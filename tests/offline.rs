//! The app never touches the network: no HTTP client or socket library is in the build.

#[test]
fn no_network_client_in_the_dependency_tree() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|n| n.trim_end_matches('"'))
        .collect();
    assert!(names.contains(&"eframe"), "the lock file was read");
    let banned = [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "surf",
        "attohttpc",
        "minreq",
        "ehttp",
        "h2",
        "rustls",
        "native-tls",
        "openssl",
        "tokio-tungstenite",
        "tungstenite",
    ];
    let found: Vec<&&str> = banned.iter().filter(|b| names.contains(b)).collect();
    assert!(found.is_empty(), "network crates in Cargo.lock: {found:?}");
}
