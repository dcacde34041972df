//! The `orgkit` command line: see [`orgkit::cli`].

fn main() {
    let code = orgkit::cli::run(std::env::args().collect());
    std::process::exit(code);
}
