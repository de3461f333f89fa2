//! Data survives a restart on the same embedded SurrealKV path.

use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn data_is_still_there_after_restarting_on_the_same_path() {
    let dir = std::env::temp_dir().join(format!("kinerja-persist-{}", std::process::id()));
    let url = format!("surrealkv://{}", dir.join("db").display());
    let (nip, admin_nip) = {
        let app = spawn_with_db(&url, true).await;
        let admin = app.signed_in("admin").await;
        let (pegawai, target) = (app.nip("pegawai"), app.nip("admin"));
        let (status, body) = app
            .call(
                &admin,
                "hr/move",
                &[("nip", &pegawai), ("supervisor_nip", &target), ("unit_key", ""), ("reason", "")],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        app.handle.abort();
        let _ = app.handle.await;
        (pegawai, target)
    };
    // Give the engine a moment to release the files of the first instance.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let app = spawn_with_db(&url, false).await;
    let c = client();
    let (status, _) = app.login(&c, "admin", PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "accounts persisted");
    let (_, p) = app.profile(&c, &nip).await;
    assert_eq!(p["supervisor_chain"][0]["nip"], admin_nip, "the move persisted");
    app.handle.abort();
    let _ = std::fs::remove_dir_all(&dir);
}
