//! Asks the embedded dictionaries about the words given as arguments.
fn main() {
    let tr = suzgec_dict::Dictionary::turkish();
    for w in std::env::args().skip(1) {
        println!("{w}\t{}", tr.check(&w));
    }
}
