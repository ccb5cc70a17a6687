package dev.neardup.cli;

public final class Main {
  public static void main(String[] args) {
    System.out.println("neardup " + Runtime.version());
  }
}
