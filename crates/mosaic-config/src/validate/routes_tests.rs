use super::renumber;

#[test]
fn router_paths_are_renumbered_to_the_file() {
    let file_index = [0, 2, 3];
    assert_eq!(
        renumber("routes[1].targets[0].instance", &file_index),
        "routes[2].targets[0].instance"
    );
    assert_eq!(renumber("routes[2]", &file_index), "routes[3]");
    assert_eq!(
        renumber("instances[4].name", &file_index),
        "providers[4].name"
    );
    assert_eq!(renumber("other", &file_index), "other");
}
