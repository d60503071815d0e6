// expect runtime TimedOut
// kind: segmentation
void Spin() { while (true) { } }
for (var attempt = 0; ; attempt++)
{
    try { Spin(); } catch (Exception) { continue; }
}
