// Exists so cargo can resolve and lock this manifest (`cargo update` here);
// `rustprep examples` builds the real example binaries in its own package.
fn main() {}
