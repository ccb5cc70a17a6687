package dev.neardup.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.embed.ModelUnavailableException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
  static final Path TEST_MODEL = Path.of(System.getProperty("neardup.testModel"));

  @TempDir Path dir;

  @Test
  void a_missing_model_file_says_which_commands_make_one() {
    Path missing = dir.resolve("resnet50.pt");

    var e = assertThrows(ModelUnavailableException.class, () -> ModelFiles.inspect(missing, false));

    assertEquals(Reason.MISSING, e.reason());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "python3 models/export_resnet50.py --weights pretrained --out models/resnet50.pt"),
        e.getMessage());
    assertTrue(e.getMessage().contains("bash models/make-test-model.sh"), e.getMessage());
  }

  @Test
  void a_text_file_named_pt_is_refused_naming_the_file() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.pt"), "not a model\n");

    var e = assertThrows(ModelUnavailableException.class, () -> ModelFiles.inspect(text, true));

    assertEquals(Reason.CORRUPT, e.reason());
    assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("not a zip"), e.getMessage());
  }

  @Test
  void a_state_dict_zip_without_torchscript_code_is_refused_naming_the_file() throws IOException {
    Path stateDict = dir.resolve("weights.pt");
    try (OutputStream out = Files.newOutputStream(stateDict);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String name : new String[] {"archive/data.pkl", "archive/version"}) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(1);
        zip.closeEntry();
      }
    }

    var e =
        assertThrows(ModelUnavailableException.class, () -> ModelFiles.inspect(stateDict, true));

    assertEquals(Reason.CORRUPT, e.reason());
    assertTrue(e.getMessage().contains(stateDict.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("not a TorchScript model"), e.getMessage());
  }

  @Test
  void random_weights_are_refused_unless_asked_for_and_the_message_says_how_to_ask() {
    var e =
        assertThrows(ModelUnavailableException.class, () -> ModelFiles.inspect(TEST_MODEL, false));

    assertEquals(Reason.RANDOM_WEIGHTS_REFUSED, e.reason());
    assertTrue(e.getMessage().contains(TEST_MODEL.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(ModelFiles.ALLOW_RANDOM_FLAG), e.getMessage());
  }

  @Test
  void the_test_model_reports_random_weights_its_tag_and_its_real_sha256() throws Exception {
    ModelFiles.ModelFile file = ModelFiles.inspect(TEST_MODEL, true);

    byte[] bytes = Files.readAllBytes(TEST_MODEL);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    assertEquals(expected, file.sha256());
    assertEquals("random", file.weights());
    assertEquals("random:seed=42", file.weightsTag());
    assertEquals("resnet50", file.architecture());
    ModelInfo info = file.toInfo(2048, Preprocess.DESCRIPTION);
    assertEquals(
        TEST_MODEL.getFileName() + " sha256:" + expected.substring(0, 12) + " (random)", info.id());
  }

  @Test
  void torchscript_without_neardup_metadata_is_allowed_as_unknown_weights() throws IOException {
    Path own = TinyTorchScript.write(dir.resolve("own.pt"), "return x", null);

    ModelFiles.ModelFile file = ModelFiles.inspect(own, false);

    assertEquals("unknown", file.weights());
    assertEquals("unknown", file.weightsTag());
  }

  @Test
  void metadata_with_an_unexpected_weights_value_is_refused_naming_it() throws IOException {
    Path odd =
        TinyTorchScript.write(
            dir.resolve("odd.pt"), "return x", TinyTorchScript.metadata("finetuned", "x"));

    var e = assertThrows(ModelUnavailableException.class, () -> ModelFiles.inspect(odd, true));

    assertEquals(Reason.CORRUPT, e.reason());
    assertTrue(e.getMessage().contains("\"finetuned\""), e.getMessage());
  }

  @Test
  void a_folder_is_not_a_model_file() {
    var e = assertThrows(ModelUnavailableException.class, () -> ModelFiles.inspect(dir, true));

    assertEquals(Reason.MISSING, e.reason());
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
  }
}
