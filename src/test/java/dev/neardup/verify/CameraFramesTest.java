package dev.neardup.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.decode.OpenCv;
import dev.neardup.image.GrayImage;
import dev.neardup.verify.align.AlignParams;
import dev.neardup.verify.align.AlignedCheck;
import dev.neardup.verify.align.AlignedResult;
import dev.neardup.verify.align.Features;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On a fixed camera the aligner finds the identity, so the plain pixel-diff verdict stands. */
class CameraFramesTest {
  @Test
  void consecutive_pets2001_frames_register_as_the_identity_and_keep_the_plain_verdict() {
    OpenCv.load();
    AlignParams ap = AlignParams.defaults();
    PixelDiffParams pp = PixelDiffParams.defaults();
    PixelDiff plain = new PixelDiff(pp);
    List<String> notIdentity = new ArrayList<>();
    GrayImage prev = AlignmentBench.read(AgreementPairs.pets(0));
    Features fPrev = Features.of(prev, ap.features());
    for (int i = 1; i <= 100; i++) {
      GrayImage cur = AlignmentBench.read(AgreementPairs.pets(i * 5));
      Features fCur = Features.of(cur, ap.features());
      AlignedResult r = AlignedCheck.check(prev, fPrev, cur, fCur, ap, pp);
      if (r == null || !r.transform().isIdentity()) {
        notIdentity.add(i * 5 + ": " + r);
      } else {
        assertEquals(plain.compare(prev, cur), r.diff());
      }
      GrayImage next = AlignmentBench.read(AgreementPairs.pets(i * 5 + 1));
      AlignedResult consecutive =
          AlignedCheck.check(cur, fCur, next, Features.of(next, ap.features()), ap, pp);
      if (consecutive == null || !consecutive.transform().isIdentity()) {
        notIdentity.add(i * 5 + "->" + (i * 5 + 1) + ": " + consecutive);
      }
      prev = cur;
      fPrev = fCur;
    }
    assertTrue(notIdentity.isEmpty(), notIdentity.toString());
  }
}
