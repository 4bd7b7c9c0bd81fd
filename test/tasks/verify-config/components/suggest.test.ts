import { describe, expect, it } from "vitest";
import { editDistance, normaliseKey, suggest } from "../../../../src/tasks/verify-config/components/util/suggest.js";

describe("did-you-mean", () => {
  it("measures edits with transpositions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("ab", "ba")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("normalises case styles", () => {
    expect(normaliseKey("showLabsSettings")).toBe("show_labs_settings");
    expect(normaliseKey("client-secret")).toBe("client_secret");
  });

  it("finds the intended key", () => {
    const mas = ["clients", "http", "upstream_oauth2", "account", "passwords", "policy"];
    expect(suggest("upstream_oauth2_config", mas)).toBe("upstream_oauth2");
    expect(suggest("acount", mas)).toBe("account");
    expect(suggest("matrixRtc", ["matrix_rtc", "max_upload_size"])).toBe("matrix_rtc");
    expect(suggest("livekit_url", ["type", "livekit_service_url"])).toBe("livekit_service_url");
  });

  it("stays silent when nothing is close", () => {
    expect(suggest("user_mapping_provider", ["clients", "http", "account"])).toBeUndefined();
    expect(suggest("x", ["clients"])).toBeUndefined();
  });
});
